// Starts the web app. A file rather than an inline script so the Content-Security-Policy
// can forbid inline scripts (the app keeps its tokens in localStorage).
import init from '/pkg/ioc_frontend.js?v={{BUILD}}';
init({ module_or_path: '/pkg/ioc_frontend_bg.wasm?v={{BUILD}}' });
