package markdown

import (
	"fmt"
	"slices"
	"testing"
)

func TestAnyOfPoints(t *testing.T) {
	src := head + "### Drill\n\nQ: q?\nA: a\nMust mention: any 2 of: budget | money, authority, timeline; rules of engagement; Any three of need, fit, timing\n"
	book, diags := load(t, map[string]string{"x.md": src}, "x.md")
	if len(diags) != 0 {
		t.Fatalf("diagnostics %v", diags)
	}
	c, _ := book.Card("s/q")
	if c == nil || len(c.MustMention) != 3 {
		t.Fatalf("card %+v", c)
	}
	kp := c.MustMention[0]
	if kp.Need != 2 || len(kp.Items) != 3 || !slices.Equal(kp.Items[0].Alternates, []string{"budget", "money"}) || kp.String() != "any 2 of: budget | money, authority, timeline" {
		t.Errorf("point %+v", kp)
	}
	if kp.Text() != "any 2 of: budget or money, authority, timeline" {
		t.Errorf("text %q", kp.Text())
	}
	if c.MustMention[1].Need != 0 || c.MustMention[2].Need != 3 || len(c.MustMention[2].Items) != 3 {
		t.Errorf("points %+v", c.MustMention)
	}
}

func TestAnyOfErrors(t *testing.T) {
	cases := []struct{ points, want string }{
		{"any 4 of: a, b, c", "x.md:14:1: error: " + fmt.Sprintf(msgAnyOfCount, "any 4 of: a, b, c", 4, 3)},
		{"any 0 of: a, b", "x.md:14:1: error: " + fmt.Sprintf(msgAnyOfCount, "any 0 of: a, b", 0, 2)},
		{"any 99999999999999999999 of: a, b", "x.md:14:1: error: " + fmt.Sprintf(msgAnyOfCount, "any 99999999999999999999 of: a, b", 999999, 2)},
		{"any 2 of: a, , b", "x.md:14:1: error: " + fmt.Sprintf(msgEmptyKeyPoint, "Must mention:")},
		{"any 1 of: a | , b", "x.md:14:1: error: " + fmt.Sprintf(msgEmptyKeyPoint, "Must mention:")},
	}
	for _, c := range cases {
		_, diags := load(t, map[string]string{"x.md": head + "### Drill\n\nQ: q?\nA: a\nMust mention: " + c.points + "\n"}, "x.md")
		if got := diagStrings(diags); !slices.Equal(got, []string{c.want}) {
			t.Errorf("%q: diagnostics %q, want %q", c.points, got, c.want)
		}
	}
}
