using System.Net;
using FairDatabase.Tests.Infrastructure;

namespace FairDatabase.Tests.Web.Security;

/// <summary>Signed-in users are counted by user id, visitors by address: one busy user behind a shared address does not lock out the others.</summary>
[Collection(AppCollection.Name)]
public sealed class PerUserRateLimitTests
{
    [Fact]
    public async Task Each_signed_in_user_has_an_own_budget_apart_from_the_shared_address()
    {
        // Signing two users in takes 8 anonymous requests from the one test address.
        await using var factory = new FairDbFactory(new Dictionary<string, string?> { ["RateLimiting:GlobalPermitPerMinute"] = "10" });
        using var alice = await BrowserSession.RegisterAndSignInAsync(factory);
        using var bob = await BrowserSession.RegisterAndSignInAsync(factory);

        for (var i = 0; i < 10; i++)
            Assert.Equal(HttpStatusCode.OK, (await alice.Client.GetAsync("/dashboard/search")).StatusCode);
        using var aliceOver = await alice.Client.GetAsync("/dashboard/search");
        using var bobStill = await bob.Client.GetAsync("/dashboard/search");
        using var visitor = await factory.CreateClient().GetAsync("/auth/login");

        Assert.Equal(HttpStatusCode.TooManyRequests, aliceOver.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bobStill.StatusCode);
        Assert.Equal(HttpStatusCode.OK, visitor.StatusCode);
    }
}
