// Swagger UI over the server's own OpenAPI document (no inline script: the CSP forbids it).
window.addEventListener("load", function () {
  window.SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui" });
});
