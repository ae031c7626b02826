using System.Security.Claims;
using Governance.Platform;
using Governance.Platform.Accounts;
using Wolverine;

namespace Governance.Features.Landscape;

public static class LandscapeApi
{
    public static void MapLandscapeApi(this WebApplication app) =>
        app.MapPost("/api/landscape/import", async (bool? dryRun, HttpRequest request, IMessageBus bus, ClaimsPrincipal user) =>
            {
                using var reader = new StreamReader(request.Body);
                var yaml = await reader.ReadToEndAsync();
                return await Api.SendAsync<ImportReport>(bus, user, new ImportLandscape(yaml, dryRun ?? false), Results.Ok);
            })
            .RequireAuthorization(Roles.Staff).WithTags("Landscape").Accepts<string>("application/yaml")
            .WithSummary("Import a landscape.yml (the body); dryRun=true reports what would change without recording it");
}
