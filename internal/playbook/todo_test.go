package playbook

import "testing"

func TestIsTODO(t *testing.T) {
	for text, want := range map[string]bool{
		"TODO: write the result": true,
		"  TODO":                 true,
		"TODO write it":          true,
		"TODOS are fine":         false,
		"Write the TODO list":    false,
		"todo: lower case":       false,
		"":                       false,
	} {
		if got := IsTODO(text); got != want {
			t.Errorf("IsTODO(%q) = %v, want %v", text, got, want)
		}
	}
	if !(&Card{Answer: "TODO: write the answer"}).Unwritten() || (&Card{Answer: "Yes."}).Unwritten() {
		t.Error("Unwritten reads the card's answer")
	}
}
