using Governance.Components;
using Governance.Features.Demo;
using Governance.Platform;
using Governance.Platform.Accounts;
using JasperFx;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(args);
// seed-demo and import-landscape start the host to record events; they must not take the port of a portal already running.
if (args is ["seed-demo" or "import-landscape", ..]) builder.WebHost.UseUrls("http://127.0.0.1:0");

// No connection string configured: run our own PostgreSQL from the installed binaries, with demo data.
EmbeddedPostgres? embedded;
try
{
    embedded = await GovernanceDatabase.PrepareAsync(builder, mustAnswer: args is []);
}
catch (DatabaseUnavailable unavailable)
{
    Console.Error.WriteLine(unavailable.Message);
    return 1;
}
await using var stopsWithTheApp = embedded;

builder.AddGovernanceObservability();
builder.AddGovernanceStore();
builder.AddGovernanceSignIn();
builder.Services.AddHostedService<DemoFoundationOnFirstStart>();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddOpenApi();

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
    app.UseHsts();
}
app.UseWhen(http => !http.Request.Path.StartsWithSegments("/api"), pages => pages.UseStatusCodePagesWithReExecute("/not-found"));
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapHealthChecks("/health");
app.MapOpenApi();
app.MapSignIn();
app.MapGovernanceApi();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

return await app.RunJasperFxCommands(args);

public partial class Program;
