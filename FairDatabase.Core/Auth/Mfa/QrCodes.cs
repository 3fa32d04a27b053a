using QRCoder;

namespace FairDatabase.Core.Auth.Mfa;

/// <summary>A QR code as a PNG data URI: an &lt;img&gt; the page's CSP allows (img-src data:), no script.</summary>
public static class QrCodes
{
    public static string PngDataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(pixelsPerModule: 5);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
