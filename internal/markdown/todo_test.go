package markdown

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestEachTODOLineIsAWarning(t *testing.T) {
	src := head + "TODO: write the result\n\nTODOS and xTODO are words of their own.\n\nQ: x\n- [ ] a TODO\n"
	_, diags, err := Load(fstest.MapFS{"x.md": {Data: []byte(src)}}, "x.md")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range diags {
		if strings.HasPrefix(d.Message, "TODO left") {
			if d.Severity != SevWarning {
				t.Errorf("%s: a TODO is a warning", d)
			}
			got = append(got, d.String())
		}
	}
	lines := strings.Split(src, "\n")
	want := 0
	for _, l := range lines {
		if strings.Contains(l, "TODO:") || strings.HasSuffix(l, "a TODO") {
			want++
		}
	}
	if len(got) != want || want != 2 {
		t.Fatalf("TODO warnings %q, want %d", got, want)
	}
	if !strings.Contains(got[0], "TODO left to fill in: write the result") {
		t.Errorf("the warning quotes what is left to do: %q", got[0])
	}
}

func TestTODOWarningsStopAtALimit(t *testing.T) {
	src := head + strings.Repeat("TODO: more\n\n", maxTODOs+7)
	_, diags, err := Load(fstest.MapFS{"x.md": {Data: []byte(src)}}, "x.md")
	if err != nil {
		t.Fatal(err)
	}
	listed, more := 0, ""
	for _, d := range diags {
		switch {
		case strings.HasPrefix(d.Message, "TODO left"):
			listed++
		case strings.Contains(d.Message, "more lines with TODO"):
			more = d.Message
		}
	}
	if listed != maxTODOs || more != "7 more lines with TODO are left to fill in (not listed)" {
		t.Errorf("%d listed, then %q", listed, more)
	}
}
