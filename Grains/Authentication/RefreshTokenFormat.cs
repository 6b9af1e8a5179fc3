using System.Buffers.Text;
using System.Security.Cryptography;

namespace Dailyfeed.Grains.Authentication;

/// <summary>
/// Refresh token text: "{familyId}.{tokenId}.{secret}". The family id routes to the session grain; the token id names
/// the rotation step; the random secret proves possession and is stored only as a SHA-256 hash.
/// </summary>
internal static class RefreshTokenFormat
{
    private const char Separator = '.';

    public static string Compose(Guid familyId, string tokenId, byte[] secret) =>
        $"{familyId:N}{Separator}{tokenId}{Separator}{Base64Url.EncodeToString(secret)}";

    public static bool TryParse(string token, out Guid familyId, out string tokenId, out byte[] secret)
    {
        familyId = Guid.Empty;
        tokenId = string.Empty;
        secret = [];
        var parts = token.Split(Separator);
        if (parts.Length != 3 || !Guid.TryParseExact(parts[0], "N", out familyId) || parts[1].Length == 0)
        {
            return false;
        }

        try
        {
            secret = Base64Url.DecodeFromChars(parts[2]);
        }
        catch (FormatException)
        {
            return false;
        }

        tokenId = parts[1];
        return secret.Length > 0;
    }

    public static byte[] Hash(byte[] secret) => SHA256.HashData(secret);

    public static bool Matches(byte[] secret, byte[] expectedHash) =>
        CryptographicOperations.FixedTimeEquals(Hash(secret), expectedHash);
}
