// Swagger UI on the app's own OpenAPI spec; its files come from the server, so the docs work offline.
window.ui = SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
