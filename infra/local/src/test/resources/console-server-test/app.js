document.querySelector("main").textContent = window.WISPBILL_CONSOLE.apiBaseUrl;
