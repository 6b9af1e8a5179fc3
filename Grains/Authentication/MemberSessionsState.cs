namespace Dailyfeed.Grains.Authentication;

public sealed class MemberSessionsState
{
    public List<Guid> FamilyIds { get; set; } = [];
}
