using FairDatabase.Core.ApiTokens;

namespace FairDatabase.Web.Models;

/// <summary>
/// /account/tokens: the user's live tokens, the create form (with what was typed, after a refusal),
/// a just-created token (shown on this one response only) and an outcome message.
/// </summary>
public sealed record TokensPageModel(IReadOnlyList<ApiTokenInfo> Tokens, TokenForm Form, CreatedApiToken? Created, PageMessage? Message, DateTimeOffset Now);

/// <summary>The create form's fields; <see cref="ErrorField"/> marks the one to correct.</summary>
public sealed record TokenForm(string Name, string Scope, int ExpiryDays, string? ErrorField = null);
