namespace Dailyfeed.Grains.Abstractions.Authentication;

/// <summary>
/// A refresh token reads "{familyId}.{tokenId}.{secret}". The first part names the <see cref="IRefreshSessionGrain"/>
/// to ask; everything else is checked by that grain.
/// </summary>
public static class RefreshTokenRouting
{
    public static Guid? FamilyIdOf(string? token)
    {
        var end = token?.IndexOf('.') ?? -1;
        return end > 0 && Guid.TryParseExact(token.AsSpan(0, end), "N", out var family) ? family : null;
    }
}
