// Placeholder entry point so the solution builds until the real gateway lands; it maps no endpoints.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
await app.RunAsync();
