using System.Net.Mail;
using System.Text;

namespace FairDatabase.Core.Auth;

/// <summary>GoTrue's rules for emails and passwords, checked before anything is stored or sent.</summary>
public static class Credentials
{
    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public static void CheckEmail(string email)
    {
        if (email.Length > 255 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
            throw new AuthException(AuthErrorCode.ValidationFailed, "Unable to validate email address: invalid format");
    }

    /// <summary>bcrypt ignores everything past 72 bytes, so longer passwords are refused rather than silently cut.</summary>
    public static void CheckPassword(string password, int minimumLength)
    {
        if (password.Length < minimumLength)
            throw new AuthException(AuthErrorCode.WeakPassword, $"Password should be at least {minimumLength} characters.");
        if (Encoding.UTF8.GetByteCount(password) > 72)
            throw new AuthException(AuthErrorCode.WeakPassword, "Password cannot be longer than 72 bytes.");
    }
}
