
namespace Dailyfeed.Grains.Abstractions.Identity;

/// <summary>
/// Ownership of one unique value (an email, a handle), keyed "kind:value". The first claim inserts the grain's state
/// row; the store's primary key makes a second concurrent claim fail, on any silo.
/// </summary>
[Alias("dailyfeed.identity.IUniqueKeyGrain")]
public interface IUniqueKeyGrain : IGrainWithStringKey
{
    /// <summary>Claims the value for the owner, or throws the given error code if someone else holds it.</summary>
    Task ClaimOrThrowAsync(long ownerId, string conflictCode);

    /// <summary>Releases the value if this owner holds it.</summary>
    Task ReleaseAsync(long ownerId);

    [ReadOnly]
    Task<long?> GetOwnerAsync();
}

/// <summary>Builds <see cref="IUniqueKeyGrain"/> keys so every caller normalizes the same way.</summary>
public static class UniqueKeys
{
    public static string Email(string email) => $"email:{email.Trim().ToLowerInvariant()}";

    public static string Handle(string handle) => $"handle:{handle.Trim().ToLowerInvariant()}";
}
