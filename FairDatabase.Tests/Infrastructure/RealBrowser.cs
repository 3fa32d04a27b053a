using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace FairDatabase.Tests.Infrastructure;

/// <summary>
/// The real app on a Kestrel socket and Debian's Chromium driven by Playwright, for pages that rely
/// on JavaScript. Playwright's own browser download cannot work offline, so the system browser is
/// launched through <c>ExecutablePath</c> (FAIRDB_CHROMIUM, default /usr/bin/chromium; scripts/test.sh
/// installs it). Screenshots go to TestResults/screenshots for a person to look at.
/// </summary>
public sealed class RealBrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Plain HTTP on loopback, so the development switch for cookies (as scripts/run.sh sets it).</summary>
    public FairDbFactory Factory { get; } = new(new Dictionary<string, string?> { ["Auth:CookieSecure"] = "false" });

    /// <summary>The app's address, e.g. http://localhost:41234 (a secure context for the browser).</summary>
    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        var port = FreePort();
        Factory.UseKestrel(port);
        Factory.StartServer();
        BaseUrl = $"http://localhost:{port}";
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("FAIRDB_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            // The machine has no network but loopback: keep Chromium from reaching out at start.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A new browser context (its own cookies) with a fresh account signed in through the real forms.</summary>
    public async Task<IPage> NewSignedInPageAsync(string? email = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new() { Width = 1400, Height = 1000 } });
        // Generous: the first request compiles views, and the suite may share two cores with builds.
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        email ??= BrowserSession.NewEmail();
        await page.GotoAsync("/auth/register");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", BrowserSession.DefaultPassword);
        await page.ClickAsync("form button[type=submit]");
        await page.WaitForURLAsync("**/auth/login**");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", BrowserSession.DefaultPassword);
        await page.ClickAsync("form button[type=submit]");
        await page.WaitForURLAsync("**/dashboard**");
        return page;
    }

    /// <summary>Saves a full-page screenshot under <see cref="ScreenshotDirectory"/>; returns its path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        await Factory.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class RealBrowserCollection : ICollectionFixture<RealBrowserFixture>
{
    public const string Name = "real browser";
}
