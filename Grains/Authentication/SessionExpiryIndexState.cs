namespace Dailyfeed.Grains.Authentication;

public sealed class SessionExpiryIndexState
{
    public List<Guid> FamilyIds { get; set; } = [];
}
