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
    [InlineData("ＳＴＡＲ Market")]
    [InlineData("Ｈ股（ＩＰＯ）")]
    [InlineData("  x  y ")]
    public void Fold_is_idempotent(string text)
    {
        Assert.Equal(TextNormalizer.Fold(text), TextNormalizer.Fold(TextNormalizer.Fold(text)));
    }
}
