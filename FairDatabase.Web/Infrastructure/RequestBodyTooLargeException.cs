namespace FairDatabase.Web.Infrastructure;

/// <summary>
/// A request body (or one field of it) passed its limit. A BadHttpRequestException with status
/// 413, so whatever does not catch it (Kestrel, the error page) still answers 413; the message is
/// fit to show the user.
/// </summary>
public sealed class RequestBodyTooLargeException(string message) : BadHttpRequestException(message, StatusCodes.Status413PayloadTooLarge)
{
    public static RequestBodyTooLargeException Body(long limit) =>
        new($"The request is larger than this server accepts here ({Size(limit)}).");

    public static RequestBodyTooLargeException Field(string name, long limit) =>
        new($"The field '{name}' is longer than the {Size(limit)} allowed.");

    public static RequestBodyTooLargeException Form(InvalidDataException reason) =>
        new($"The form is too large: {reason.Message}");

    internal static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.#} MB",
        >= 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes} bytes",
    };
}
