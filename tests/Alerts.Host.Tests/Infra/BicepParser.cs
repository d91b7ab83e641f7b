namespace Alerts.Host.Tests.Infra;

/// <summary>
/// A structural reader of Bicep: statements (param, var, resource, output, using), objects, arrays, loops and
/// conditions are parsed; every other expression is kept as source text. Enough to check names and settings without
/// the Bicep compiler; anything it does not understand throws <see cref="FormatException"/> with the line.
/// </summary>
internal sealed class BicepParser
{
    private static readonly HashSet<string> SkippedStatements = ["module", "targetScope", "metadata", "type", "func", "import", "extension", "assert"];

    private readonly string _source;
    private readonly List<BicepToken> _tokens;
    private int _position;

    private BicepParser(string source)
    {
        _source = source;
        _tokens = BicepLexer.Tokenize(source);
    }

    public static BicepFile Parse(string source) => new BicepParser(source).ParseFile();

    private bool AtEnd => _position >= _tokens.Count;

    private BicepToken Current => AtEnd ? throw Error("unexpected end of file") : _tokens[_position];

    private int CurrentLine => AtEnd ? (_tokens.Count > 0 ? _tokens[^1].Line : 1) : _tokens[_position].Line;

    private BicepFile ParseFile()
    {
        string? usingPath = null;
        var parameters = new List<BicepParameter>();
        var variables = new List<BicepVariable>();
        var declarations = new List<BicepResourceDeclaration>();
        var outputs = new List<BicepOutput>();
        while (true)
        {
            SkipNewlines();
            if (AtEnd)
            {
                break;
            }

            var decorators = ParseDecorators();
            var keyword = ExpectIdentifier();
            var line = keyword.Line;
            switch (keyword.Text)
            {
                case "using":
                    usingPath = Expect(BicepTokenKind.String).StringValue;
                    break;
                case "param":
                    var name = ExpectIdentifier().Text;
                    var type = Current.Is("=") ? null : TextUntil(t => t.Is("=") || t.Kind == BicepTokenKind.Newline);
                    parameters.Add(new BicepParameter(name, type, Accept("=") ? ParseValue() : null, decorators, line));
                    break;
                case "var":
                    var variable = ExpectIdentifier().Text;
                    ExpectSymbol("=");
                    variables.Add(new BicepVariable(variable, ParseValue(), line));
                    break;
                case "resource":
                    declarations.Add(ParseResource(line));
                    break;
                case "output":
                    var output = ExpectIdentifier().Text;
                    var outputType = TextUntil(t => t.Is("="));
                    ExpectSymbol("=");
                    outputs.Add(new BicepOutput(output, outputType, ParseValue(), line));
                    break;
                case var skipped when SkippedStatements.Contains(skipped):
                    TextUntil(t => t.Kind == BicepTokenKind.Newline);
                    break;
                default:
                    throw Error($"unexpected '{keyword.Text}' at the start of a statement");
            }

            if (!AtEnd && Current.Kind != BicepTokenKind.Newline)
            {
                throw Error($"unexpected '{Current.Text}' after a statement");
            }
        }

        var resources = new List<BicepResource>();
        foreach (var declaration in declarations)
        {
            Flatten(declaration, null, resources);
        }

        return new BicepFile { Using = usingPath, Parameters = parameters, Variables = variables, Resources = resources, Outputs = outputs };
    }

    private static void Flatten(BicepResourceDeclaration declaration, BicepResource? parent, List<BicepResource> into)
    {
        var type = parent is null || declaration.Type.Contains('/', StringComparison.Ordinal) ? declaration.Type : $"{parent.Type}/{declaration.Type}";
        var resource = new BicepResource(declaration.Symbol, type, declaration.ApiVersion ?? parent?.ApiVersion, declaration.Existing, declaration.Body, parent, declaration.Line);
        into.Add(resource);
        foreach (var child in resource.Object.Resources)
        {
            Flatten(child, resource, into);
        }
    }

    private BicepResourceDeclaration ParseResource(int line)
    {
        var symbol = ExpectIdentifier().Text;
        var typeAndVersion = Expect(BicepTokenKind.String).StringValue!;
        var at = typeAndVersion.IndexOf('@', StringComparison.Ordinal);
        var existing = Accept("existing");
        ExpectSymbol("=");
        return new BicepResourceDeclaration(
            symbol,
            at < 0 ? typeAndVersion : typeAndVersion[..at],
            at < 0 ? null : typeAndVersion[(at + 1)..],
            existing,
            ParseValue(),
            line);
    }

    private List<string> ParseDecorators()
    {
        var decorators = new List<string>();
        while (!AtEnd && Current.Is("@"))
        {
            _position++;
            var start = Current;
            while (!AtEnd && (Current.Kind == BicepTokenKind.Identifier || Current.Is(".")))
            {
                _position++;
            }

            if (!AtEnd && Current.Is("("))
            {
                SkipBalanced();
            }

            decorators.Add(_source[start.Start.._tokens[_position - 1].End]);
            SkipNewlines();
        }

        return decorators;
    }

    private BicepValue ParseValue()
    {
        var start = _position;
        BicepValue? value = Current switch
        {
            { Kind: BicepTokenKind.Symbol, Text: "{" } => ParseObject(),
            { Kind: BicepTokenKind.Symbol, Text: "[" } when IsLoop() => ParseLoop(),
            { Kind: BicepTokenKind.Symbol, Text: "[" } => ParseArray(),
            { Kind: BicepTokenKind.Identifier, Text: "if" } when Next(1)?.Is("(") == true => ParseConditional(),
            _ => null,
        };

        if (value is not null && AtValueEnd())
        {
            return value;
        }

        // Not a plain composite (e.g. "{...}.prop", "[...][0]" or "a ? b : c"): keep the whole thing as an expression.
        _position = start;
        return ParseExpression();
    }

    private BicepObject ParseObject()
    {
        var line = CurrentLine;
        ExpectSymbol("{");
        var properties = new List<BicepProperty>();
        var resources = new List<BicepResourceDeclaration>();
        while (true)
        {
            SkipNewlinesAndCommas();
            if (Accept("}"))
            {
                return new BicepObject(properties, resources, line);
            }

            ParseDecorators();
            if (Current.Is("resource") && Next(1)?.Kind == BicepTokenKind.Identifier)
            {
                var resourceLine = Current.Line;
                _position++;
                resources.Add(ParseResource(resourceLine));
                continue;
            }

            var key = Current;
            if (key.Kind is not (BicepTokenKind.Identifier or BicepTokenKind.String))
            {
                throw Error($"expected a property name, found '{key.Text}'");
            }

            _position++;
            ExpectSymbol(":");
            properties.Add(new BicepProperty(key.Kind == BicepTokenKind.String ? key.StringValue! : key.Text, ParseValue(), key.Line));
        }
    }

    private BicepArray ParseArray()
    {
        var line = CurrentLine;
        ExpectSymbol("[");
        var items = new List<BicepValue>();
        while (true)
        {
            SkipNewlinesAndCommas();
            if (Accept("]"))
            {
                return new BicepArray(items, line);
            }

            items.Add(ParseValue());
        }
    }

    private bool IsLoop()
    {
        var offset = 1;
        while (Next(offset)?.Kind == BicepTokenKind.Newline)
        {
            offset++;
        }

        return Next(offset)?.Is("for") == true;
    }

    private BicepLoop ParseLoop()
    {
        var line = CurrentLine;
        ExpectSymbol("[");
        SkipNewlines();
        ExpectWord("for");
        string item;
        string? index = null;
        if (Accept("("))
        {
            item = ExpectIdentifier().Text;
            ExpectSymbol(",");
            index = ExpectIdentifier().Text;
            ExpectSymbol(")");
        }
        else
        {
            item = ExpectIdentifier().Text;
        }

        ExpectWord("in");
        var sourceLine = CurrentLine;
        var source = TextUntil(t => t.Is(":"));
        ExpectSymbol(":");
        var body = ParseValue();
        SkipNewlines();
        ExpectSymbol("]");
        return new BicepLoop(item, index, new BicepExpression(source, null, sourceLine), body, line);
    }

    private BicepConditional ParseConditional()
    {
        var line = CurrentLine;
        ExpectWord("if");
        var open = Current;
        SkipBalanced();
        var condition = _source[(open.End)..(_tokens[_position - 1].Start)].Trim();
        return new BicepConditional(new BicepExpression(condition, null, line), ParseValue(), line);
    }

    private BicepExpression ParseExpression()
    {
        var first = Current;
        var text = TextUntil(t => t.Kind == BicepTokenKind.Newline || t.Is(",") || t.Is("}") || t.Is("]") || t.Is(")"));
        var single = _tokens[_position - 1] == first;
        var literal = single && first is { Kind: BicepTokenKind.String, Interpolated: false } ? first.StringValue : null;
        return new BicepExpression(text, literal, first.Line);
    }

    /// <summary>Consumes tokens up to (not including) the first one at bracket depth 0 that <paramref name="stop"/> accepts; returns their source text.</summary>
    private string TextUntil(Func<BicepToken, bool> stop)
    {
        var startIndex = _position;
        var depth = 0;
        while (!AtEnd && (depth > 0 || !stop(Current)))
        {
            if (Current.Is("(") || Current.Is("[") || Current.Is("{"))
            {
                depth++;
            }
            else if (Current.Is(")") || Current.Is("]") || Current.Is("}"))
            {
                depth--;
            }

            _position++;
        }

        if (_position == startIndex)
        {
            throw Error(AtEnd ? "expected an expression, found the end of the file" : $"expected an expression, found '{Current.Text}'");
        }

        return _source[_tokens[startIndex].Start.._tokens[_position - 1].End].Trim();
    }

    private void SkipBalanced()
    {
        var depth = 0;
        do
        {
            if (Current.Is("(") || Current.Is("[") || Current.Is("{"))
            {
                depth++;
            }
            else if (Current.Is(")") || Current.Is("]") || Current.Is("}"))
            {
                depth--;
            }

            _position++;
        }
        while (depth > 0);
    }

    private bool AtValueEnd() =>
        AtEnd || Current.Kind == BicepTokenKind.Newline || Current.Is(",") || Current.Is("}") || Current.Is("]") || Current.Is(")");

    private BicepToken? Next(int offset) => _position + offset < _tokens.Count ? _tokens[_position + offset] : null;

    private void SkipNewlines()
    {
        while (!AtEnd && Current.Kind == BicepTokenKind.Newline)
        {
            _position++;
        }
    }

    private void SkipNewlinesAndCommas()
    {
        while (!AtEnd && (Current.Kind == BicepTokenKind.Newline || Current.Is(",")))
        {
            _position++;
        }
    }

    private bool Accept(string symbolOrWord)
    {
        if (AtEnd || !Current.Is(symbolOrWord))
        {
            return false;
        }

        _position++;
        return true;
    }

    private BicepToken Expect(BicepTokenKind kind)
    {
        var token = Current;
        if (token.Kind != kind)
        {
            throw Error($"expected {kind}, found '{token.Text}'");
        }

        _position++;
        return token;
    }

    private BicepToken ExpectIdentifier() => Expect(BicepTokenKind.Identifier);

    private void ExpectSymbol(string symbol)
    {
        if (!Accept(symbol))
        {
            throw Error($"expected '{symbol}', found '{(AtEnd ? "end of file" : Current.Text)}'");
        }
    }

    private void ExpectWord(string word) => ExpectSymbol(word);

    private FormatException Error(string message) => new($"line {CurrentLine}: {message}");
}
