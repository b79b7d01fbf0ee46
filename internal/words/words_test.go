package words

import "testing"

func TestCount(t *testing.T) {
	for _, c := range []struct {
		n    int
		noun string
		want string
	}{
		{0, "error", "0 errors"},
		{1, "error", "1 error"},
		{2, "card", "2 cards"},
		{1, "process", "1 process"},
		{3, "process", "3 processes"},
		{2, "match", "2 matches"},
		{2, "box", "2 boxes"},
		{-1, "day", "-1 day"},
		{11, "step", "11 steps"},
	} {
		if got := Count(c.n, c.noun); got != c.want {
			t.Errorf("Count(%d, %q) = %q, want %q", c.n, c.noun, got, c.want)
		}
	}
}
