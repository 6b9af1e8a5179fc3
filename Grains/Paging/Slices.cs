using Dailyfeed.Grains.Abstractions.Paging;

namespace Dailyfeed.Grains.Paging;

/// <summary>Cuts a scroll page out of an ordered sequence: one extra item is read to know whether a next page exists.</summary>
public static class Slices
{
    public static Slice<T> Of<T>(IEnumerable<T> ordered, PageRequest page)
    {
        if (ordered is IReadOnlyList<T> list)
        {
            return Of(list, page);
        }

        var window = ordered.Skip(page.Page * page.Size).Take(page.Size + 1).ToList();
        return new Slice<T>(window.Take(page.Size).ToList(), page.Page, page.Size, window.Count > page.Size);
    }

    /// <summary>A list is copied by index: a feed page is read on every timeline request, and LINQ's iterators were most of its garbage.</summary>
    public static Slice<T> Of<T>(IReadOnlyList<T> ordered, PageRequest page)
    {
        var start = Math.Min((long)page.Page * page.Size, ordered.Count);
        var content = new T[Math.Min(page.Size, ordered.Count - start)];
        for (var i = 0; i < content.Length; i++)
        {
            content[i] = ordered[(int)start + i];
        }

        return new Slice<T>(content, page.Page, page.Size, ordered.Count > start + content.Length);
    }
}
