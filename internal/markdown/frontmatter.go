package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/agnivade/levenshtein"
	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/safe"
)

// frontMatter is the YAML block at the top of a playbook file.
type frontMatter struct {
	Playbook    string   `yaml:"playbook"`
	Version     string   `yaml:"version"`
	Competitors []string `yaml:"competitors"`
	Order       int      `yaml:"order"`
	Reference   bool     `yaml:"reference"`
	// Glossary is read from the YAML's nodes (glossaryEntries), with lines.
	Glossary []playbook.GlossaryEntry `yaml:"-"`
}

// maxFrontMatter caps the YAML handed to the decoder, whose cost grows
// quickly with crafted nesting; real front matter is a few lines.
const maxFrontMatter = 16 << 10

var frontMatterKeys = map[string]bool{"playbook": true, "version": true, "competitors": true, "order": true, "reference": true, "glossary": true}

// knownKeys are frontMatterKeys in the order messages name them.
var knownKeys = []string{"playbook", "version", "competitors", "order", "reference", "glossary"}

// splitFrontMatter finds a front matter block: a first line `---`, YAML,
// then a line `---` or `...`. It returns the YAML, the line it starts on
// and the offset where the markdown begins; closed is false when the block
// never ends.
func splitFrontMatter(src []byte) (fm []byte, line int, body int, found, closed bool) {
	first, rest, ok := cutLine(src)
	if !ok || string(bytes.TrimRight(first, " \t\r")) != "---" {
		return nil, 0, 0, false, false
	}
	off := len(src) - len(rest)
	start := off
	for len(rest) > 0 {
		l, r, _ := cutLine(rest)
		t := string(bytes.TrimRight(l, " \t\r"))
		if t == "---" || t == "..." {
			return src[start:off], 2, len(src) - len(r), true, true
		}
		off = len(src) - len(r)
		rest = r
	}
	return src[start:], 2, start, true, false
}

// cutLine splits off the first line of b (without its newline).
func cutLine(b []byte) (line, rest []byte, ok bool) {
	if len(b) == 0 {
		return nil, nil, false
	}
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i], b[i+1:], true
	}
	return b, nil, true
}

// fmProblem is a front matter problem at a line and column of the file.
type fmProblem struct {
	line, col int
	msg       string
}

// decodeFrontMatter decodes fm (which starts on line first of the file),
// returning every misspelt key and the first other error, each with its
// line, and the lines the known keys are set on. Keys playdrill does not
// read, such as a website's `title` or `sidebar`, are left alone with one
// warning naming them all: a handbook page keeps its own front matter.
//
// Text values are cleaned of control and escape characters like the rest of
// the playbook; warns has one warning for each that was written as a YAML
// escape (raw ones are found with the rest of the file's).
func decodeFrontMatter(fm []byte, first int) (out frontMatter, lines map[string]int, probs, warns []fmProblem) {
	out, lines, probs = decodeFrontMatterValues(fm, first, &warns)
	out.Playbook = safe.Markdown(out.Playbook)
	out.Version = safe.Markdown(out.Version)
	for i, c := range out.Competitors {
		out.Competitors[i] = safe.Markdown(c)
	}
	return out, lines, probs, warns
}

func decodeFrontMatterValues(fm []byte, first int, warns *[]fmProblem) (frontMatter, map[string]int, []fmProblem) {
	var out frontMatter
	lines := map[string]int{}
	if len(bytes.TrimSpace(fm)) == 0 {
		return out, lines, nil
	}
	if len(fm) > maxFrontMatter {
		return out, lines, []fmProblem{{first, 1, fmt.Sprintf(msgFMTooLong, maxFrontMatter/1024)}}
	}
	var probs []fmProblem
	var glossary []playbook.GlossaryEntry
	var ignored []string
	ignoredLine := 0
	rawVersion := ""
	file, err := parser.ParseBytes(fm, 0)
	if err != nil {
		return out, lines, []fmProblem{yamlProblem(err, first)}
	}
	// Aliases are expanded by the decoder: a few hundred bytes of nested
	// anchors expand to gigabytes. Front matter needs none, so none is read.
	if tk := firstAlias(file); tk != nil {
		return out, lines, []fmProblem{{first + tk.Position.Line - 1, max(tk.Position.Column, 1), msgFMAlias}}
	}
	for _, doc := range file.Docs {
		m, ok := doc.Body.(*ast.MappingNode)
		if doc.Body == nil {
			continue
		}
		if !ok {
			tk := doc.Body.GetToken()
			probs = append(probs, fmProblem{first + tk.Position.Line - 1, tk.Position.Column, fmt.Sprintf(msgFrontMatter, "expected `key: value` lines")})
			return out, lines, probs
		}
		for _, kv := range m.Values {
			key := kv.Key.String()
			tk := kv.Key.GetToken()
			line := first + tk.Position.Line - 1
			if !frontMatterKeys[key] {
				if near := nearestKey(key); near != "" {
					probs = append(probs, fmProblem{line, tk.Position.Column, fmt.Sprintf(msgUnknownKeyNear, key, near)})
				} else {
					if ignoredLine == 0 {
						ignoredLine = line
					}
					ignored = append(ignored, key)
				}
				continue
			}
			lines[key] = line
			if msg := valueProblem(key, kv.Value); msg != "" {
				vt := kv.Value.GetToken()
				probs = append(probs, fmProblem{first + vt.Position.Line - 1, max(vt.Position.Column, 1), msg})
			}
			if key == "version" {
				rawVersion = scalarText(kv.Value)
			}
			if key == "glossary" {
				var gp []fmProblem
				glossary, gp = glossaryEntries(kv.Value, first)
				probs = append(probs, gp...)
			}
			*warns = append(*warns, escapedControls(kv.Value, first)...)
		}
	}
	if len(probs) > 0 {
		// Decode the known keys anyway, so the rest can be checked.
		_ = unmarshal(fm, &out)
	} else if err := unmarshal(fm, &out); err != nil {
		probs = append(probs, yamlProblem(err, first))
	}
	if len(ignored) > 0 {
		*warns = append(*warns, fmProblem{ignoredLine, 1, fmt.Sprintf(msgFMIgnored, strings.Join(ignored, ", "))})
	}
	if rawVersion != "" {
		out.Version = rawVersion
	}
	out.Glossary = glossary
	return out, lines, probs
}

// escapedControls warns about control and escape characters that v's
// quoted strings spell as YAML escapes, such as "\e]0;x\a" or "\u009b":
// the file itself holds none of them, so only the decoded text shows them.
func escapedControls(v ast.Node, first int) []fmProblem {
	var out []fmProblem
	check := func(n ast.Node) {
		s, ok := n.(*ast.StringNode)
		if !ok || s.Token == nil {
			return
		}
		decoded := safe.Scan(s.Value)
		raw := safe.Scan(s.Token.Origin)
		for _, fd := range decoded[min(len(raw), len(decoded)):] {
			out = append(out, fmProblem{first + s.Token.Position.Line - 1, max(s.Token.Position.Column, 1), fmt.Sprintf(msgForbidden, fd.What+" written as a YAML escape")})
		}
	}
	if seq, ok := v.(*ast.SequenceNode); ok {
		for _, item := range seq.Values {
			check(item)
		}
		return out
	}
	check(v)
	return out
}

// firstAlias is the token of the first anchor, alias or merge key in file,
// or nil.
func firstAlias(file *ast.File) *token.Token {
	var found *token.Token
	for _, doc := range file.Docs {
		ast.Walk(aliasFinder{&found}, doc)
		if found != nil {
			return found
		}
	}
	return nil
}

type aliasFinder struct{ found **token.Token }

func (a aliasFinder) Visit(n ast.Node) ast.Visitor {
	if *a.found != nil {
		return nil
	}
	switch n.(type) {
	case *ast.AnchorNode, *ast.AliasNode, *ast.MergeKeyNode:
		*a.found = n.GetToken()
		return nil
	}
	return a
}

// valueProblem checks the kind of value a known key has, so that the
// author reads what to write instead of the YAML decoder's terms.
func valueProblem(key string, v ast.Node) string {
	switch v.(type) {
	case nil, *ast.NullNode:
		return ""
	case *ast.TagNode, *ast.AnchorNode, *ast.AliasNode:
		return "" // left to the decoder
	}
	switch key {
	case "glossary":
		return "" // glossaryEntries says what is wrong with it
	case "competitors":
		if _, ok := v.(*ast.SequenceNode); !ok {
			return fmt.Sprintf(msgFMType, key, "a list", "competitors: [Company X, Company Y]")
		}
	case "order":
		if _, ok := v.(*ast.IntegerNode); !ok {
			return fmt.Sprintf(msgFMType, key, "a whole number", "order: 2")
		}
	case "reference":
		if _, ok := v.(*ast.BoolNode); !ok {
			return fmt.Sprintf(msgFMBool, key, key)
		}
	default:
		if scalarText(v) == "" {
			return fmt.Sprintf(msgFMType, key, "one line of text", key+": "+map[string]string{"playbook": "Northwind Sales Playbook", "version": "2026.11"}[key])
		}
	}
	return ""
}

// scalarText is a plain scalar value as written: a version such as
// 2026.10 is text, not the number 2026.1 the decoder would make of it.
func scalarText(v ast.Node) string {
	switch v := v.(type) {
	case *ast.StringNode:
		return v.Value
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		return v.GetToken().Value
	}
	return ""
}

// nearestKey is the known key an unknown one is most likely a misspelling
// of, or "".
func nearestKey(key string) string {
	k := strings.ToLower(key)
	for _, want := range knownKeys {
		if d := levenshtein.ComputeDistance(k, want); d <= 2 && d < len(want)/2 {
			return want
		}
	}
	return ""
}

// unmarshal decodes front matter, turning a panic inside go-yaml (it has
// some on malformed tags, such as `!00000` before a list) into an error: no
// playbook, however broken, may crash playdrill.
func unmarshal(fm []byte, out *frontMatter, opts ...yaml.DecodeOption) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errors.New("the YAML cannot be read: check its tags and indentation")
		}
	}()
	return yaml.UnmarshalWithOptions(fm, out, opts...)
}

// yamlProblem turns a go-yaml error into a problem at its line.
func yamlProblem(err error, first int) fmProblem {
	var ye yaml.Error
	if errors.As(err, &ye) && ye.GetToken() != nil {
		tk := ye.GetToken()
		msg := fmt.Sprintf(msgFrontMatter, ye.GetMessage())
		if strings.Contains(ye.GetMessage(), "'\t'") {
			msg = msgFMTab
		}
		return fmProblem{first + tk.Position.Line - 1, max(tk.Position.Column, 1), msg}
	}
	return fmProblem{first, 1, fmt.Sprintf(msgFrontMatter, err.Error())}
}
