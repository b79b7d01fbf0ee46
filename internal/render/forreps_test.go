package render

import (
	"strings"
	"testing"
)

func TestForRepsRewritesAuthorSyntax(t *testing.T) {
	src := "Prose stays.\n\n### Drill\n\nQ: How many leads is a bought list?\nA: None. It is a list.\nMust mention: none | zero | no leads; a list\nNever say: hot leads; 5,000 leads\n\n" +
		"#### How are you different from Acme?\n\nWe are live in days.\n\nMust mention: any 2 of: days; named engineer; price\n\n" +
		"Cloze: Sales engages only **sales-ready leads**.\n\n```\nMust mention: kept in code\n```\n"
	out := ForReps(src)
	for _, want := range []string{
		"Prose stays.", "### Practice questions", "**How many leads is a bought list?**", "\nNone. It is a list.",
		"*Key points:*", "- none (or zero, no leads)", "- a list",
		"*Never say* “hot leads”, “5,000 leads”",
		"#### How are you different from Acme?", "*Key points (any 2 of these):*", "- named engineer",
		"\nSales engages only **sales-ready leads**.", "Must mention: kept in code",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q:\n%s", want, out)
		}
	}
	for _, bad := range []string{"### Drill", "Q:", "A:", "Never say:", "Cloze:", "none | zero", "\nMust mention: none"} {
		if strings.Contains(out, bad) {
			t.Errorf("still has %q:\n%s", bad, out)
		}
	}
}

// Rendered, a rep's page shows no markdown heading marks in colour.
func TestHeadingsWithoutHashesInColour(t *testing.T) {
	out, err := New().Markdown("## Step\n\n### Practice questions\n\ntext\n", 60, Dark)
	if err != nil {
		t.Fatal(err)
	}
	if plain := stripSGR(out); strings.Contains(plain, "#") || !strings.Contains(plain, "Practice questions") {
		t.Errorf("dark rendering:\n%s", plain)
	}
	out, _ = New().Markdown("### Practice questions\n", 60, Plain)
	if !strings.Contains(out, "### Practice questions") {
		t.Errorf("plain text lost its heading mark:\n%s", out)
	}
}
