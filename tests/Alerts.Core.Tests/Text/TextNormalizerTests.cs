using Alerts.Core.Text;

namespace Alerts.Core.Tests.Text;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("ＳＴＡＲ Market", "star market")]
    [InlineData("２５１３．ＨＫ", "2513.hk")]
    [InlineData("Knowledge ATLAS", "knowledge atlas")]
    [InlineData("  leading and trailing  ", "leading and trailing")]
    [InlineData("many \t\n  spaces", "many spaces")]
    [InlineData("全角\u3000空格", "全角 空格")]
    [InlineData("北京智谱华章科技股份有限公司", "北京智谱华章科技股份有限公司")]
    [InlineData("Ｈ股（ＩＰＯ）", "h股(ipo)")]
    [InlineData("Ⅸ", "ix")]
    [InlineData("", "")]
    [InlineData("   ", "")]
    public void Fold_removes_differences_of_case_width_and_spacing(string text, string folded)
    {
        Assert.Equal(folded, TextNormalizer.Fold(text));
    }

    [Theory]
    [InlineData("聆訊後資料集", "聆讯后资料集")]
    [InlineData("智譜", "智谱")]
    [InlineData("北京智譜華章科技股份有限公司", "北京智谱华章科技股份有限公司")]
    [InlineData("建議發行A股並於科創板上市", "建议发行a股并于科创板上市")]
    [InlineData("招股章程", "招股章程")]
    [InlineData("摩爾線程", "摩尔线程")]
    [InlineData("瀾起科技", "澜起科技")]
    [InlineData("爲", "为")]
    [InlineData("綫", "线")]
    [InlineData("説明", "说明")]
    [InlineData("滙豐", "汇丰")]
    public void Fold_turns_traditional_and_variant_characters_into_simplified(string traditional, string simplified)
    {
        Assert.Equal(simplified, TextNormalizer.Fold(traditional));
        Assert.Equal(TextNormalizer.Fold(simplified), TextNormalizer.Fold(traditional));
    }

    [Theory]
    [InlineData("乾")]
    [InlineData("著")]
    [InlineData("后")]
    [InlineData("干")]
    public void Fold_keeps_characters_that_are_their_own_simplified_form(string text)
    {
        Assert.Equal(text, TextNormalizer.Fold(text));
    }

    [Fact]
    public void Fold_keeps_the_length_of_chinese_text_so_positions_still_line_up()
    {
        const string text = "關於香港聯合交易所有限公司上市委員會聆訊的公告";
        Assert.Equal(text.Length, TextNormalizer.Fold(text).Length);
    }

    [Theory]
    [InlineData("聆訊後資料集")]
    [InlineData("ＳＴＡＲ Market")]
    [InlineData("Ｈ股（ＩＰＯ）")]
    [InlineData("  x  y ")]
    public void Fold_is_idempotent(string text)
    {
        Assert.Equal(TextNormalizer.Fold(text), TextNormalizer.Fold(TextNormalizer.Fold(text)));
    }
}
