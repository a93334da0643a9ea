using System.Text;
using DiffPlex;
using DiffPlex.Model;

namespace HeadlessCms.Api.Revisions;

/// <summary>A unified diff (`@@ -a,b +c,d @@` hunks, three lines of context) of two texts, from DiffPlex's line diff.</summary>
public static class UnifiedDiff
{
    private const int Context = 3;

    public static string? Of(string from, string to, string fromLabel, string toLabel)
    {
        if (from == to)
        {
            return null;
        }

        var diff = Differ.Instance.CreateLineDiffs(from, to, ignoreWhitespace: false);
        var a = diff.PiecesOld;
        var b = diff.PiecesNew;
        var output = new StringBuilder().Append("--- ").Append(fromLabel).Append('\n').Append("+++ ").Append(toLabel).Append('\n');
        var blocks = diff.DiffBlocks;
        var i = 0;
        while (i < blocks.Count)
        {
            // Blocks closer than twice the context share a hunk.
            var j = i;
            while (j + 1 < blocks.Count && blocks[j + 1].DeleteStartA - (blocks[j].DeleteStartA + blocks[j].DeleteCountA) <= 2 * Context)
            {
                j++;
            }

            WriteHunk(output, a, b, blocks, i, j);
            i = j + 1;
        }

        return output.ToString();
    }

    private static void WriteHunk(StringBuilder output, IReadOnlyList<string> a, IReadOnlyList<string> b, IList<DiffBlock> blocks, int first, int last)
    {
        var startA = Math.Max(0, blocks[first].DeleteStartA - Context);
        var startB = Math.Max(0, blocks[first].InsertStartB - Context);
        var endA = Math.Min(a.Count, blocks[last].DeleteStartA + blocks[last].DeleteCountA + Context);
        var endB = Math.Min(b.Count, blocks[last].InsertStartB + blocks[last].InsertCountB + Context);
        output.Append($"@@ -{startA + 1},{endA - startA} +{startB + 1},{endB - startB} @@\n");
        var lineA = startA;
        for (var k = first; k <= last; k++)
        {
            var block = blocks[k];
            for (; lineA < block.DeleteStartA; lineA++)
            {
                output.Append(' ').Append(a[lineA]).Append('\n');
            }

            for (var d = 0; d < block.DeleteCountA; d++)
            {
                output.Append('-').Append(a[block.DeleteStartA + d]).Append('\n');
            }

            for (var n = 0; n < block.InsertCountB; n++)
            {
                output.Append('+').Append(b[block.InsertStartB + n]).Append('\n');
            }

            lineA = block.DeleteStartA + block.DeleteCountA;
        }

        for (; lineA < endA; lineA++)
        {
            output.Append(' ').Append(a[lineA]).Append('\n');
        }
    }
}
