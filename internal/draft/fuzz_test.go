package draft

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/playdrill/playdrill/internal/grade"
	"github.com/playdrill/playdrill/internal/markdown"
)

// FuzzDraft checks that any page drafts without a panic, and that every
// draft is a playbook with no error in it: warnings (TODOs) only.
func FuzzDraft(f *testing.F) {
	// Small seeds only: the fuzzer minimises every new input it finds, and
	// a large one takes most of a short run to minimise.
	seeds, _ := filepath.Glob("testdata/*.md")
	for _, name := range seeds {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("## 1. A\n\n> quote\n\n## 2. B vs Acme\n\n| a | b |\n|-|-|\n| x | y |\n| z | w |\n"))
	f.Add([]byte("Title\n===\n\n```\nopen"))
	f.Fuzz(func(t *testing.T, src []byte) {
		md, _, err := Page("page.md", src)
		if err != nil {
			var de *Error
			if !errors.As(err, &de) {
				t.Fatalf("error of another kind: %v", err)
			}
			return
		}
		book, diags, err := markdown.Load(fstest.MapFS{"draft.md": {Data: md}}, "draft.md")
		if err != nil {
			t.Fatal(err)
		}
		// Every proposed key point is one the model answer makes, as lint
		// checks it.
		for _, m := range grade.CheckModelAnswers(book.Cards(), grade.Options{}) {
			if len(m.Missed) > 0 || len(m.Result.NeverSaid) > 0 {
				t.Fatalf("card %s: its model answer misses %v\n--- page\n%q\n--- draft\n%s", m.Card.ID, m.Missed, src, md)
			}
		}
		for _, d := range diags {
			if d.Severity == markdown.SevError {
				t.Fatalf("draft has an error: %s\n--- page\n%q\n--- draft\n%s", d, src, md)
			}
		}
	})
}
