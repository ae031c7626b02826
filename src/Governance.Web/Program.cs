using Governance.Components;
using Governance.Features.Demo;
using Governance.Platform;
using Governance.Platform.Accounts;
using JasperFx;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(args);

// No connection string configured: run our own PostgreSQL from the installed binaries, with demo data.
await using var embedded = await GovernanceDatabase.UseEmbeddedWhenUnconfiguredAsync(builder);

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
