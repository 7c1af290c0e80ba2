// The API reference page (/api): Scalar, served by this app, started from a file so that the
// Content-Security-Policy needs no inline script. No fonts, proxy, telemetry or AI chat from the internet.
const app = document.getElementById('app');
window.Scalar.createApiReference(app, {
  url: app.dataset.document,
  withDefaultFonts: false,
  telemetry: false,
  agent: { disabled: true },
  hideClientButton: false,
  defaultOpenAllTags: true,
  showToolbar: 'never',
});
