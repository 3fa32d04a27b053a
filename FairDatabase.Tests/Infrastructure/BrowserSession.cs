using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace FairDatabase.Tests.Infrastructure;

/// <summary>
/// A browser against the test app: keeps cookies, does not follow redirects (tests look at them),
/// and posts forms with the antiforgery token read from the form page, as a browser would.
/// <code>
/// var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
/// var page = await browser.GetDocumentAsync("/dashboard");
/// var response = await browser.PostFormAsync("/dashboard/upload", new() { ["description"] = "…" });
/// </code>
/// </summary>
public sealed class BrowserSession : IDisposable
{
    public const string DefaultPassword = "correct horse battery";
    private static readonly HtmlParser Parser = new();

    public BrowserSession(WebApplicationFactory<Program> factory, CookieContainer? cookies = null)
    {
        Cookies = cookies ?? new CookieContainer();
        // HTTPS, as in production: the session cookie is Secure and would not be sent over HTTP.
        Client = factory.CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler(Cookies));
    }

    /// <summary>A browser against a real address (the cluster's balancer): same cookies and no redirects.</summary>
    public BrowserSession(Uri baseAddress)
    {
        Cookies = new CookieContainer();
        Client = new HttpClient(new SocketsHttpHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
    }

    public HttpClient Client { get; }

    public CookieContainer Cookies { get; }

    /// <summary>Set by <see cref="RegisterAndSignInAsync"/>.</summary>
    public string? Email { get; private set; }

    public static string NewEmail() => $"user-{Guid.NewGuid():N}@example.test";

    /// <summary>A fresh account, signed in: the returned session's cookies reach /dashboard.</summary>
    public static async Task<BrowserSession> RegisterAndSignInAsync(WebApplicationFactory<Program> factory, string? email = null, string password = DefaultPassword)
    {
        var browser = new BrowserSession(factory);
        email ??= NewEmail();
        var registered = await browser.RegisterAsync(email, password);
        if (registered.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Registration answered {registered.StatusCode}.");
        var signedIn = await browser.SignInAsync(email, password);
        if (signedIn.Headers.Location?.OriginalString != "/dashboard") throw new InvalidOperationException($"Sign-in answered {signedIn.StatusCode}.");
        browser.Email = email;
        return browser;
    }

    public Task<HttpResponseMessage> RegisterAsync(string email, string password) =>
        PostFormAsync("/auth/register", new() { ["email"] = email, ["password"] = password });

    public Task<HttpResponseMessage> SignInAsync(string email, string password) =>
        PostFormAsync("/auth/login", new() { ["email"] = email, ["password"] = password });

    public Task<HttpResponseMessage> SignOutAsync() => PostFormAsync("/auth/logout", new());

    public async Task<IHtmlDocument> GetDocumentAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        return await ParseAsync(response);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        Parser.ParseDocument(await response.Content.ReadAsStringAsync());

    /// <summary>
    /// The antiforgery token of the POST form on <paramref name="formPage"/> that posts to
    /// <paramref name="action"/> (the page itself when null), so a form that forgot its token fails the test.
    /// </summary>
    public async Task<string> GetAntiforgeryTokenAsync(string formPage, string? action = null)
    {
        var doc = await GetDocumentAsync(formPage);
        var target = Normalize(action ?? formPage);
        var form = doc.QuerySelectorAll("form[method=post]").FirstOrDefault(f => PostsTo(f, formPage, target))
            ?? throw new InvalidOperationException($"{formPage} has no POST form to {target}.");
        return form.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"The form on {formPage} posting to {target} has no antiforgery token.");
    }

    /// <summary>The form's action, or a submit button's formaction, is the target.</summary>
    private static bool PostsTo(AngleSharp.Dom.IElement form, string formPage, string target)
    {
        var action = form.GetAttribute("action");
        if (Normalize(string.IsNullOrEmpty(action) ? formPage : action) == target) return true;
        return form.QuerySelectorAll("[formaction]").Any(b => Normalize(b.GetAttribute("formaction")!) == target);
    }

    private static string Normalize(string path) => path.Split('?')[0].TrimEnd('/').ToLowerInvariant();

    /// <summary>Fetches <paramref name="formPage"/> for its token, then posts the fields to <paramref name="action"/> (default: the same path).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, Dictionary<string, string> fields, string? action = null)
    {
        fields["__RequestVerificationToken"] = await GetAntiforgeryTokenAsync(formPage, action);
        using var content = new FormUrlEncodedContent(fields);
        return await Client.PostAsync(action ?? formPage, content);
    }

    /// <summary>For multipart forms (file uploads): posts the token as the first field, as the page's form does, then the given parts.</summary>
    public async Task<HttpResponseMessage> PostMultipartAsync(string formPage, MultipartFormDataContent content, string? action = null)
    {
        using var form = new MultipartFormDataContent { { new StringContent(await GetAntiforgeryTokenAsync(formPage, action)), "__RequestVerificationToken" } };
        foreach (var part in content) form.Add(part);
        return await Client.PostAsync(action ?? formPage, form);
    }

    /// <summary>The raw session cookie value (encrypted), or null.</summary>
    public string? SessionCookie => Cookies.GetCookies(Client.BaseAddress!)[FairDatabase.Web.Auth.SessionCookie.SecureName]?.Value;

    public void Dispose() => Client.Dispose();
}
