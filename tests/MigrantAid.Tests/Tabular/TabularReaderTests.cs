using System.Text;
using MigrantAid.Web.Infrastructure.Tabular;

namespace MigrantAid.Tests.Tabular;

/// <summary>The shared reader of uploaded tables, on its own (the pages that use it are tested through HTTP).</summary>
public sealed class TabularReaderTests
{
    static TabularReaderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Theory]
    [InlineData("a;b;c\n1;2;3\n", ';')]
    [InlineData("a,b,c\n1,2,3\n", ',')]
    [InlineData("a\tb\tc\n1\t2\t3\n", '\t')]
    [InlineData("\"x;y\",b,c\n1,2,3\n", ',')]
    public void The_separator_is_taken_from_the_header_line(string csv, char expected) =>
        Assert.Equal(expected, TabularReader.DetectSeparator(csv));

    [Fact]
    public void Rows_stop_at_the_cap_with_the_line_named()
    {
        var csv = "Nom;Prénom\n" + string.Concat(Enumerable.Range(1, 10).Select(i => $"N{i};P{i}\n"));
        var table = TabularReader.Open(Encoding.UTF8.GetBytes(csv), "f.csv", new TabularLimits { MaxRows = 5 });
        Assert.Equal(["Nom", "Prénom"], table.Headers);
        var read = new List<TabularRow>();
        var e = Assert.Throws<TabularException>(() =>
        {
            foreach (var row in table.Rows)
            {
                read.Add(row);
            }
        });
        Assert.Equal((TabularProblem.TooManyRows, 7), (e.Problem, e.Line));
        Assert.Equal(5, read.Count);
        Assert.Equal((2, "N1"), (read[0].Line, read[0][0]));
    }

    [Fact]
    public void Quoted_cells_blank_rows_and_line_breaks_are_read_as_a_spreadsheet_wrote_them()
    {
        var csv = "a;b\r\n\"x;1\";\"two\r\nlines\"\r\n;\r\n\"say \"\"hi\"\"\";  \r\n";
        var rows = TabularReader.Open(Encoding.UTF8.GetBytes(csv), "f.csv", new TabularLimits()).Rows.ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(("x;1", "two\r\nlines"), (rows[0][0], rows[0][1]));
        Assert.Equal(("say \"hi\"", null, 5), (rows[1][0], rows[1][1], rows[1].Line));
    }

    [Fact]
    public void Encodings_are_recognised()
    {
        Assert.Equal("Hélène", TabularReader.Decode(Encoding.GetEncoding(1252).GetBytes("Hélène")));
        Assert.Equal("عائشة Hélène", TabularReader.Decode(Encoding.GetEncoding(1256).GetBytes("عائشة Hélène")));
        Assert.Equal("عائشة", TabularReader.Decode([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("عائشة")]));
        Assert.Equal("Aïcha", TabularReader.Decode([0xFF, 0xFE, .. Encoding.Unicode.GetBytes("Aïcha")]));
        Assert.Equal(TabularProblem.Undecodable, Assert.Throws<TabularException>(() => TabularReader.Decode([0x41, 0x0A, 0x00, 0x01, 0x0A])).Problem);
    }
}
