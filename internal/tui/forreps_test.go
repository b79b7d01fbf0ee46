package tui

import (
	"regexp"
	"testing"

	"github.com/playdrill/playdrill/internal/markdown"
	"github.com/playdrill/playdrill/internal/render"
	"github.com/playdrill/playdrill/playbooks"
)

// authorSyntax is what an author writes for playdrill and a rep should
// never read on a learn page.
var authorSyntax = regexp.MustCompile(`(?m)^\s*(Q|A|Must mention|Never say|Cloze|Result|Done when)\s*:|#{2,}\s*Drill\b|\{#[^}]*\}`)

// Every step of the shipped playbook reads, on its learn page, in the
// playbook's words without its syntax.
func TestShippedLearnPagesShowNoAuthorSyntax(t *testing.T) {
	book, _, err := markdown.Load(playbooks.FS, playbooks.Root)
	if err != nil {
		t.Fatal(err)
	}
	r := render.New()
	for _, s := range book.Steps() {
		out, err := r.Markdown(render.ForReps(s.Prose), 80, render.Dark)
		if err != nil {
			t.Fatalf("%s: %v", s.ID, err)
		}
		if m := authorSyntax.FindString(ansiStrip(out)); m != "" {
			t.Errorf("step %s shows %q on its learn page", s.ID, m)
		}
	}
}
