using System.Xml.Linq;
using Marten;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace Governance.Platform.Accounts;

/// <summary>
/// Keeps ASP.NET Core's data-protection keys (which sign sign-in cookies and antiforgery tokens) in the database,
/// so every node behind a load balancer accepts the same cookies and a restart or a new container signs nobody out.
/// </summary>
public sealed class DataProtectionKeys(IDocumentStore store) : IXmlRepository
{
    public sealed class Key
    {
        public string Id { get; set; } = "";
        public string Xml { get; set; } = "";
    }

    // IXmlRepository is synchronous and Marten 9 is asynchronous only; keys are read once and then cached.
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var session = store.QuerySession();
        return session.Query<Key>().ToListAsync().GetAwaiter().GetResult().Select(key => XElement.Parse(key.Xml)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var session = store.LightweightSession();
        session.Store(new Key { Id = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        session.SaveChangesAsync().GetAwaiter().GetResult();
    }

    public static void AddGovernanceDataProtection(IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("governance");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider =>
            new ConfigureOptions<KeyManagementOptions>(options =>
                options.XmlRepository = new DataProtectionKeys(provider.GetRequiredService<IDocumentStore>())));
    }
}
