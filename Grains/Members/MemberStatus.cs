namespace Dailyfeed.Grains.Members;

public enum MemberStatus
{
    Unregistered,
    Active,
    Deactivated,
}
