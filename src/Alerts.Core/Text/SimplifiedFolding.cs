namespace Alerts.Core.Text;

/// <summary>
/// Folds Traditional Chinese characters (and variant spellings) to Simplified, one UTF-16 unit for one, so 聆訊 and 聆讯,
/// 智譜 and 智谱 compare equal. The table is generated from Unihan (tools/unihan/generate_simplified_table.py): character
/// by character, not word by word, which is what matching needs and all a variant table can give.
/// </summary>
internal static partial class SimplifiedFolding
{
    private static readonly char[] Map = BuildMap();

    public static char Fold(char c) => Map[c];

    private static char[] BuildMap()
    {
        var map = new char[char.MaxValue + 1];
        for (var i = 0; i < map.Length; i++)
        {
            map[i] = (char)i;
        }

        for (var i = 0; i + 1 < Pairs.Length; i += 2)
        {
            map[Pairs[i]] = Pairs[i + 1];
        }

        return map;
    }
}
