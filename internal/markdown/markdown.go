// Package markdown turns playbook markdown into a playbook.Playbook by
// walking goldmark's AST, and reports problems with file:line:col.
package markdown

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/playdrill/playdrill/internal/playbook"
)

// Severity of a diagnostic.
type Severity string

// Severities.
const (
	SevError   Severity = "error"
	SevWarning Severity = "warning"
)

// Diagnostic is one problem found in a playbook.
type Diagnostic struct {
	Pos      playbook.Pos
	Severity Severity
	Message  string
	// Unsafe marks an error that stops the file from being rendered at
	// all: it is not text, or nests deep enough to make rendering slow.
	// Other errors leave a playbook that cannot be drilled but can be shown.
	Unsafe bool
}

// String formats d as FILE:LINE:COL: severity: message.
func (d Diagnostic) String() string {
	return fmt.Sprintf("%s:%d:%d: %s: %s", d.Pos.File, d.Pos.Line, d.Pos.Col, d.Severity, d.Message)
}

// HasErrors reports whether any of diags is an error.
func HasErrors(diags []Diagnostic) bool {
	for _, d := range diags {
		if d.Severity == SevError {
			return true
		}
	}
	return false
}

// Load reads the playbook at root inside fsys: one .md file or a folder of
// them. It returns the playbook it could build (even when there are errors)
// and every diagnostic; err is only for files that cannot be read.
//
// Only regular files are read (a link only when it leads to one), each of
// at most MaxFileSize bytes and all together at most MaxPlaybookSize; a
// file refused is an error at its line 1. On disk, fsys should be DirFS.
//
// A folder's files are its own .md files (not those of subfolders, nor
// names starting with a dot), read in the order of their front matter
// `order:` (0 when missing), then by name.
func Load(fsys fs.FS, root string) (*playbook.Playbook, []Diagnostic, error) {
	info, err := fs.Stat(fsys, root)
	if err != nil {
		return nil, nil, err
	}
	var names []string
	var skipped []Diagnostic
	if info.IsDir() {
		entries, err := fs.ReadDir(fsys, root)
		if err != nil {
			return nil, nil, err
		}
		for _, e := range entries {
			n := e.Name()
			if e.IsDir() || strings.HasPrefix(n, ".") {
				continue
			}
			if ext := strings.ToLower(path.Ext(n)); ext != ".md" {
				if otherMarkdown[ext] {
					skipped = append(skipped, Diagnostic{Pos: playbook.Pos{File: path.Join(root, n), Line: 1, Col: 1}, Severity: SevWarning, Message: fmt.Sprintf(msgNotMD, n)})
				}
				continue
			}
			names = append(names, path.Join(root, n))
		}
	} else {
		names = []string{root}
	}
	var files []*parsed
	sums := make(map[string]string, len(names))
	var total int64
	for _, name := range names {
		data, problem, err := readFile(fsys, name, min(MaxFileSize, MaxPlaybookSize-total))
		if err != nil {
			return nil, nil, err
		}
		if problem != "" {
			skipped = append(skipped, fileProblem(name, problem))
			continue
		}
		total += int64(len(data))
		sums[name] = Sum(data)
		files = append(files, parseFile(name, data))
	}
	sort.SliceStable(files, func(i, j int) bool {
		if files[i].order != files[j].order {
			return files[i].order < files[j].order
		}
		return files[i].name < files[j].name
	})
	book, diags := assemble(root, info.IsDir(), files)
	book.Sums = sums
	diags = append(diags, skipped...)
	sortDiagnostics(diags)
	return book, diags, nil
}

// Sum is the sha256 (hex) of a source file's bytes, as Playbook.Sums
// keeps it.
func Sum(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

// otherMarkdown are the other endings markdown files are saved with: a
// folder's file with one of them is most likely meant to be read.
var otherMarkdown = map[string]bool{".markdown": true, ".mdown": true, ".mkd": true, ".mkdn": true, ".mdwn": true, ".mdtxt": true}

// assemble joins the files into one playbook and checks what spans files:
// front matter set twice, duplicate ids, a playbook with no process.
func assemble(root string, dir bool, files []*parsed) (*playbook.Playbook, []Diagnostic) {
	book := &playbook.Playbook{}
	var diags []Diagnostic
	if dir && len(files) == 0 {
		diags = append(diags, Diagnostic{Pos: playbook.Pos{File: root, Line: 1, Col: 1}, Severity: SevError, Message: fmt.Sprintf(msgNoMarkdown, root)})
		return book, diags
	}
	setBy := map[string]string{}
	for _, f := range files {
		diags = append(diags, f.diags...)
		book.Files = append(book.Files, relative(f.name, root, dir))
		for _, key := range []string{"playbook", "version", "competitors"} {
			line, ok := f.fmLines[key]
			if !ok {
				continue
			}
			if first, dup := setBy[key]; dup {
				diags = append(diags, Diagnostic{Pos: playbook.Pos{File: f.name, Line: line, Col: 1}, Severity: SevError, Message: fmt.Sprintf(msgFMTwice, key, first)})
				continue
			}
			setBy[key] = f.name
			switch key {
			case "playbook":
				book.Title = f.fm.Playbook
			case "version":
				book.Version = f.fm.Version
			case "competitors":
				book.Competitors = f.fm.Competitors
			}
		}
		book.Processes = append(book.Processes, f.procs...)
		book.Glossary = append(book.Glossary, f.fm.Glossary...)
	}
	diags = append(diags, checkGlossary(book.Glossary)...)
	if len(book.Processes) == 0 && len(files) > 0 {
		diags = append(diags, Diagnostic{Pos: playbook.Pos{File: files[0].name, Line: 1, Col: 1}, Severity: SevError, Message: msgNoProcess})
	}
	cards := book.Cards()
	for _, c := range cards {
		c.Glossary = book.Glossary
		if c.Kind == playbook.KindDifferentiator {
			c.Competitor = competitorIn(c.Prompt, book.Competitors)
			if rival := rivalIn(c.Prompt); c.Competitor == "" && rival != "" {
				diags = append(diags, Diagnostic{Pos: c.Pos, Severity: SevWarning, Message: fmt.Sprintf(msgUnknownRival, c.Prompt, rival)})
			}
		}
	}
	setHashes(cards)
	diags = append(diags, duplicates(files, root, dir)...)
	return book, diags
}

// competitorIn finds the competitor a differentiator's question names: the
// longest listed name found in it, ignoring case.
func competitorIn(prompt string, competitors []string) string {
	p := strings.ToLower(prompt)
	best := ""
	for _, c := range competitors {
		if c != "" && strings.Contains(p, strings.ToLower(c)) && len(c) > len(best) {
			best = c
		}
	}
	return best
}

// duplicates reports every id used a second time, across the folder.
// Processes and steps share one namespace; cards another.
//
// The first use is named by its path inside the folder, as Playbook.Files
// names it.
func duplicates(files []*parsed, root string, dir bool) []Diagnostic {
	var diags []Diagnostic
	n := 0
	for _, f := range files {
		n += len(f.ids)
	}
	first := make(map[string]playbook.Pos, n)
	dupParent := map[string]bool{}
	for _, f := range files {
		for _, u := range f.ids {
			parent, _, isCard := strings.Cut(u.id, "/")
			if isCard && dupParent[parent] {
				continue // already reported with its step or process
			}
			if at, ok := first[u.id]; ok {
				if !isCard {
					dupParent[u.id] = true
				}
				diags = append(diags, Diagnostic{Pos: u.pos, Severity: SevError, Message: fmt.Sprintf(msgDuplicateID, u.id, fmt.Sprintf("%s:%d:%d", relative(at.File, root, dir), at.Line, at.Col))})
				continue
			}
			first[u.id] = u.pos
		}
	}
	return diags
}

func sortDiagnostics(diags []Diagnostic) {
	slices.SortStableFunc(diags, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
		)
	})
}

// relative is a file's path inside the playbook folder.
func relative(name, root string, dir bool) string {
	if !dir || root == "." {
		return name
	}
	return strings.TrimPrefix(strings.TrimPrefix(name, root), "/")
}
