package markdown

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// frontMatter is the YAML block at the top of a playbook file.
type frontMatter struct {
	Playbook    string   `yaml:"playbook"`
	Version     string   `yaml:"version"`
	Competitors []string `yaml:"competitors"`
	Order       int      `yaml:"order"`
}

// maxFrontMatter caps the YAML handed to the decoder, whose cost grows
// quickly with crafted nesting; real front matter is a few lines.
const maxFrontMatter = 4 << 10

var frontMatterKeys = map[string]bool{"playbook": true, "version": true, "competitors": true, "order": true}

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
// returning every unknown key and the first other error, each with its
// line, and the lines the known keys are set on.
func decodeFrontMatter(fm []byte, first int) (frontMatter, map[string]int, []fmProblem) {
	var out frontMatter
	lines := map[string]int{}
	if len(bytes.TrimSpace(fm)) == 0 {
		return out, lines, nil
	}
	if len(fm) > maxFrontMatter {
		return out, lines, []fmProblem{{first, 1, fmt.Sprintf(msgFMTooLong, maxFrontMatter/1024)}}
	}
	var probs []fmProblem
	file, err := parser.ParseBytes(fm, 0)
	if err != nil {
		return out, lines, []fmProblem{yamlProblem(err, first)}
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
			if !frontMatterKeys[key] {
				probs = append(probs, fmProblem{first + tk.Position.Line - 1, tk.Position.Column, fmt.Sprintf(msgUnknownKey, key)})
				continue
			}
			lines[key] = first + tk.Position.Line - 1
		}
	}
	if len(probs) > 0 {
		// Decode the known keys anyway, so the rest can be checked.
		_ = unmarshal(fm, &out)
		return out, lines, probs
	}
	if err := unmarshal(fm, &out, yaml.DisallowUnknownField()); err != nil {
		probs = append(probs, yamlProblem(err, first))
	}
	return out, lines, probs
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
		return fmProblem{first + tk.Position.Line - 1, max(tk.Position.Column, 1), fmt.Sprintf(msgFrontMatter, ye.GetMessage())}
	}
	return fmProblem{first, 1, fmt.Sprintf(msgFrontMatter, err.Error())}
}
