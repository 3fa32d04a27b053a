namespace FairDatabase.Web.Models;

/// <summary>A friendly error page: the status, a message safe to show, and an id to quote to an operator.</summary>
public sealed record ErrorViewModel(int StatusCode, string Message, string? RequestId);
