// Settings of this hotspot's login page (loaded by login.html from the router's hotspot directory).
var WISPBILL_API = "https://api.example.com";   // the HTTP API base URL (no trailing slash)
var PORTAL_ID = "my-hotspot";                    // this hotspot's portal id
var WISPBILL_PAGE = {
  language: "en",                  // until the API answers: the page then opens in the reseller's SMS language (customers can switch)
  name: "My Hotspot",              // the reseller's name, shown as the page title
  wifiName: "",                    // the Wi-Fi network (SSID) customers join, shown under the name
  logoUrl: "",                     // an image in the hotspot directory (e.g. "logo.png") or a walled-garden URL
  colours: { accent: "#0b6bcb", background: "#f4f6f8", text: "#1d2733" }
};
