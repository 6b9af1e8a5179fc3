using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Dailyfeed.Api.Tests;

/// <summary>Tokens an attacker could send: altered signature, alg none, a key the server never issued.</summary>
public static class ForgedTokens
{
    public static string WithTamperedSignature(string token)
    {
        var lastDot = token.LastIndexOf('.');
        var signature = token[(lastDot + 1)..].ToCharArray();
        signature[0] = signature[0] == 'A' ? 'B' : 'A';
        return token[..(lastDot + 1)] + new string(signature);
    }

    /// <summary>Same claims, header says alg "none", no signature.</summary>
    public static string WithAlgNone(string token)
    {
        var parsed = new JsonWebToken(token);
        var header = Encode(JsonSerializer.Serialize(new { alg = "none", typ = "JWT", kid = parsed.Kid }));
        var payload = token.Split('.')[1];
        return $"{header}.{payload}.";
    }

    /// <summary>A well-formed HS256 token for the member, signed by a key id the server never issued.</summary>
    public static string SignedByUnknownKey(long memberId)
    {
        var key = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "not-a-real-key" };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "dailyfeed",
            Audience = "dailyfeed-api",
            Expires = DateTime.UtcNow.AddHours(1),
            Claims = new Dictionary<string, object> { ["sub"] = memberId.ToString(), ["jti"] = Guid.NewGuid().ToString("N") },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }

    private static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
}
