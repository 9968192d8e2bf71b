// Settings of this hotspot's login page (loaded by login.html from the router's hotspot directory).
var WISPBILL_API = "https://api.example.com";   // the HTTP API base URL (no trailing slash)
var PORTAL_ID = "my-hotspot";                    // this hotspot's portal id
