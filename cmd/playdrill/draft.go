package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/playdrill/playdrill/internal/draft"
	"github.com/playdrill/playdrill/internal/markdown"
	"github.com/playdrill/playdrill/internal/safe"
	"github.com/playdrill/playdrill/internal/words"
)

// maxPage is the largest page draft reads: far more than any handbook page.
const maxPage = 32 << 20

func (a *app) draftCmd() *cobra.Command {
	var out string
	var force bool
	cmd := &cobra.Command{
		Use:   "draft PAGE.md ... [-o DIR]",
		Short: "Turn existing markdown pages into a playbook draft",
		Long: "draft turns each PAGE (a markdown page, or a folder of them) into a playbook draft:\n" +
			"its stages become steps, its questions, talk tracks, objections, comparisons and\n" +
			"tables become cards, and what it cannot guess is marked TODO. The draft lints\n" +
			"without errors and can be drilled at once; `playdrill lint` lists the TODOs.\n\n" +
			"With one PAGE and no -o, the draft is printed. Several pages need -o DIR: each\n" +
			"page's draft is written to DIR under the page's file name, as one playbook; an\n" +
			"existing file is refused unless --force is given, and a page is never replaced\n" +
			"by its own draft. PAGE - reads one page from standard input.",
		Example: "  playdrill draft new-sales.md > playbook.md\n" +
			"  curl -s https://example.com/handbook/faq.md |\n" +
			"    playdrill draft - > faq.md\n" +
			"  playdrill draft handbook/ faq.md -o playbook/\n" +
			"  playdrill lint playbook/",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.draft(args, out, force)
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "write the drafts into folder `DIR` (made if missing)")
	cmd.Flags().BoolVar(&force, "force", false, "replace drafts already in DIR")
	return cmd
}

// draftPage is one page to draft and the file its draft goes to.
type draftPage struct {
	path, out string
}

func (a *app) draft(args []string, outDir string, force bool) error {
	var pages []draftPage
	for _, arg := range args {
		if arg == "-" {
			// The page on standard input, drafted to standard output.
			if len(args) > 1 || outDir != "" {
				return usageErrorf("- (a page on standard input) is drafted alone, to standard output")
			}
			pages = append(pages, draftPage{path: "-"})
			continue
		}
		found, err := draftInputs(arg)
		if err != nil {
			return err
		}
		for _, p := range found {
			pages = append(pages, draftPage{path: p})
		}
	}
	if outDir == "" {
		if len(pages) > 1 {
			return usageErrorf("%d pages: give a folder for their drafts with -o DIR", len(pages))
		}
	} else {
		if info, err := os.Stat(outDir); err == nil && !info.IsDir() {
			return usageErrorf("-o %s: not a folder", safe.Text(outDir))
		}
		taken := map[string]string{}
		for i := range pages {
			name := filepath.Base(pages[i].path)
			if !strings.EqualFold(filepath.Ext(name), ".md") {
				name = strings.TrimSuffix(name, filepath.Ext(name)) + ".md"
			}
			out := filepath.Join(outDir, name)
			if other, dup := taken[out]; dup {
				return usageErrorf("%s and %s would both be drafted to %s: draft them into different folders", safe.Text(other), safe.Text(pages[i].path), safe.Text(out))
			}
			taken[out] = pages[i].path
			pages[i].out = out
		}
		// Every output is checked before any is written.
		for _, p := range pages {
			if same(p.out, p.path) {
				return fmt.Errorf("%s: the draft would replace the page itself: write it to another folder with -o", safe.Text(p.out))
			}
			if _, err := os.Lstat(p.out); err == nil && !force {
				return fmt.Errorf("%s already exists: use --force to replace it", safe.Text(p.out))
			}
		}
	}
	inputs := make([]draft.Input, len(pages))
	for i, p := range pages {
		if p.path == "-" {
			src, err := io.ReadAll(io.LimitReader(a.Stdin, maxPage+1))
			if err != nil {
				return fmt.Errorf("standard input: %v", err)
			}
			if len(src) > maxPage {
				return fmt.Errorf("standard input: too large for a page (at most %d MB)", maxPage>>20)
			}
			inputs[i] = draft.Input{Name: "page.md", Src: src}
			continue
		}
		src, err := readPage(p.path)
		if err != nil {
			return err
		}
		if book, diags, err := loadPath(p.path); err == nil && !markdown.HasErrors(diags) && !notYetPlaybook(book) {
			return fmt.Errorf("%s is already a playbook (`playdrill lint` checks it): draft turns pages that are not one yet", safe.Text(p.path))
		}
		inputs[i] = draft.Input{Name: p.path, Src: src}
	}
	mds, sums, err := draft.Pages(inputs)
	if err != nil {
		return err
	}
	if outDir == "" {
		_, err := a.Stdout.Write(mds[0])
		name := pages[0].path
		if name == "-" {
			name = "standard input"
		}
		a.draftSummary(name, "", sums[0])
		return err
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return pathError(outDir, err)
	}
	for i, p := range pages {
		if err := writeDraft(p.out, mds[i], force); err != nil {
			return err
		}
		a.draftSummary(p.path, p.out, sums[i])
	}
	return nil
}

// draftSummary says on stderr what a draft holds and what is left to do.
func (a *app) draftSummary(page, out string, s draft.Summary) {
	cards := 0
	var kinds []string
	for k, n := range s.Cards {
		cards += n
		kinds = append(kinds, fmt.Sprintf("%d %s", n, k))
	}
	sort.Strings(kinds)
	to := ""
	if out != "" {
		to = " -> " + safe.Text(out)
	}
	var left []string
	for _, k := range []string{draft.LeftResult, draft.LeftProposedResult, draft.LeftDoneWhen, draft.LeftAnswer, draft.LeftKeyPoints} {
		if n := s.Left[k]; n > 0 {
			left = append(left, words.Count(n, k))
		}
	}
	todo := words.Count(s.TODOs, "TODO") + " to fill in"
	if len(left) > 0 {
		todo += ": " + strings.Join(left, ", ")
	}
	fmt.Fprintf(a.Stderr, "%s%s: %s, %s, %s (%s); %s\n", safe.Text(page), to,
		words.Count(s.Processes, "process"), words.Count(s.Steps, "step"), words.Count(cards, "card"),
		strings.Join(kinds, ", "), todo)
}

// draftInputs lists the markdown pages at path: the file itself, or a
// folder's .md files.
func draftInputs(path string) ([]string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, pathError(path, err)
	}
	if !info.IsDir() {
		return []string{path}, nil
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return nil, pathError(path, err)
	}
	var pages []string
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || strings.HasPrefix(n, ".") {
			continue
		}
		switch strings.ToLower(filepath.Ext(n)) {
		case ".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn", ".mdtxt":
			pages = append(pages, filepath.Join(path, n))
		}
	}
	if len(pages) == 0 {
		return nil, fmt.Errorf("%s: a folder with no markdown pages (.md) in it", safe.Text(path))
	}
	return pages, nil
}

// pathError names the path in an error opening it.
func pathError(path string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: no such file or folder", safe.Text(path))
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%s: permission denied", safe.Text(path))
	}
	return fmt.Errorf("%s: %v", safe.Text(path), err)
}

// readPage reads a page, refusing one too large to be a page.
func readPage(path string) ([]byte, error) {
	f, what, err := openRegular(path)
	if err != nil {
		return nil, pathError(path, err)
	}
	if what != "" {
		return nil, fmt.Errorf("%s: not a regular file but %s", safe.Text(path), what)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxPage+1))
	if err != nil {
		return nil, pathError(path, err)
	}
	if len(data) > maxPage {
		return nil, fmt.Errorf("%s: too large for a page (at most %d MB)", safe.Text(path), maxPage>>20)
	}
	return data, nil
}

// same reports whether two paths name the same file.
func same(a, b string) bool {
	ia, err1 := os.Stat(a)
	ib, err2 := os.Stat(b)
	if err1 == nil && err2 == nil {
		return os.SameFile(ia, ib)
	}
	aa, _ := filepath.Abs(a)
	bb, _ := filepath.Abs(b)
	return aa == bb
}

// writeDraft writes a draft, replacing an existing file only when forced.
func writeDraft(path string, md []byte, force bool) error {
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(path, flags, 0o644)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s already exists: use --force to replace it", safe.Text(path))
		}
		return pathError(path, err)
	}
	if _, err := f.Write(md); err != nil {
		f.Close()
		return fmt.Errorf("%s: %v", safe.Text(path), err)
	}
	return f.Close()
}
