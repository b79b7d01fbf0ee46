package markdown

import (
	"fmt"
	"strings"

	"github.com/goccy/go-yaml/ast"

	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/safe"
)

// glossaryEntries reads the front matter's `glossary:` mapping: each key
// is a term, its value what the term means, as text with alternatives
// separated by "|" or as a list.
//
//	glossary:
//	  EB: economic buyer
//	  ICP: ideal customer profile | customer profile
//	  yrs: [years]
func glossaryEntries(v ast.Node, first int) ([]playbook.GlossaryEntry, []fmProblem) {
	m, ok := v.(*ast.MappingNode)
	if !ok {
		if _, null := v.(*ast.NullNode); v == nil || null {
			return nil, nil
		}
		tk := v.GetToken()
		return nil, []fmProblem{{first + tk.Position.Line - 1, max(tk.Position.Column, 1), fmt.Sprintf(msgFMType, "glossary", "a list of `term: meaning` lines", "glossary: {EB: economic buyer}")}}
	}
	var out []playbook.GlossaryEntry
	var probs []fmProblem
	for _, kv := range m.Values {
		tk := kv.Key.GetToken()
		line, col := first+tk.Position.Line-1, max(tk.Position.Column, 1)
		term := strings.TrimSpace(safe.Markdown(kv.Key.String()))
		var means []string
		bad := false
		add := func(s string) {
			for alt := range strings.SplitSeq(s, "|") {
				if alt = strings.TrimSpace(safe.Markdown(alt)); alt != "" {
					means = append(means, alt)
				}
			}
		}
		switch val := kv.Value.(type) {
		case *ast.SequenceNode:
			for _, item := range val.Values {
				if t := scalarText(item); t != "" {
					add(t)
				} else {
					bad = true
				}
			}
		default:
			add(scalarText(kv.Value))
		}
		if term == "" || len(means) == 0 || bad {
			probs = append(probs, fmProblem{line, col, fmt.Sprintf(msgGlossaryEmpty, term)})
			continue
		}
		out = append(out, playbook.GlossaryEntry{Term: term, Means: means, Pos: playbook.Pos{Line: line, Col: col}})
	}
	return out, probs
}

// glossaryKey is how glossary terms are compared: case and spacing aside.
func glossaryKey(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// checkGlossary reports entries defined twice and entries that come back
// to themselves through others ("EB: economic buyer", "economic buyer:
// EB"), each at the entry's line.
func checkGlossary(entries []playbook.GlossaryEntry) []Diagnostic {
	var diags []Diagnostic
	byTerm := map[string]int{}
	for i, e := range entries {
		k := glossaryKey(e.Term)
		if j, dup := byTerm[k]; dup {
			diags = append(diags, Diagnostic{Pos: e.Pos, Severity: SevError, Message: fmt.Sprintf(msgGlossaryTwice, e.Term, posString(entries[j].Pos))})
			continue
		}
		byTerm[k] = i
	}
	for i, e := range entries {
		if path := glossaryLoop(entries, byTerm, i); path != nil {
			diags = append(diags, Diagnostic{Pos: e.Pos, Severity: SevError, Message: fmt.Sprintf(msgGlossaryLoop, e.Term, strings.Join(path, " -> "))})
		}
	}
	return diags
}

// glossaryLoop follows entry start's meanings through the entries they
// name and returns the terms of a path back to start, or nil.
func glossaryLoop(entries []playbook.GlossaryEntry, byTerm map[string]int, start int) []string {
	seen := map[int]bool{}
	var walk func(i int, path []string) []string
	walk = func(i int, path []string) []string {
		for _, m := range entries[i].Means {
			j, ok := byTerm[glossaryKey(m)]
			if !ok {
				continue
			}
			next := append(path[:len(path):len(path)], m)
			if j == start {
				return next
			}
			if !seen[j] {
				seen[j] = true
				if p := walk(j, next); p != nil {
					return p
				}
			}
		}
		return nil
	}
	return walk(start, []string{entries[start].Term})
}

func posString(p playbook.Pos) string {
	return fmt.Sprintf("%s:%d", p.File, p.Line)
}
