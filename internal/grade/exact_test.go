package grade

import (
	"testing"

	"github.com/playdrill/playdrill/internal/playbook"
)

func TestChoice(t *testing.T) {
	c := &playbook.Card{Kind: playbook.KindChoice, Options: []string{"white paper", "proposal with budget", "webinar", "demo request"}, Correct: []int{1, 3}}
	tests := []struct {
		name   string
		picks  []int
		score  float64
		rating playbook.Rating
	}{
		{"exactly the correct set", []int{1, 3}, 1, playbook.Good},
		{"any order", []int{3, 1}, 1, playbook.Good},
		{"repeats ignored", []int{3, 1, 3}, 1, playbook.Good},
		{"one missing", []int{1}, 0, playbook.Again},
		{"one too many", []int{1, 3, 0}, 0, playbook.Again},
		{"every box ticked", []int{0, 1, 2, 3}, 0, playbook.Again},
		{"nothing picked", nil, 0, playbook.Again},
		{"out of range", []int{1, 3, 7}, 0, playbook.Again},
		{"negative", []int{-1, 1, 3}, 0, playbook.Again},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Grade(c, Answer{Picks: tt.picks})
			if r.Score != tt.score || r.Suggested != tt.rating {
				t.Errorf("picks %v: score %v rating %v, want %v %v", tt.picks, r.Score, r.Suggested, tt.score, tt.rating)
			}
		})
	}
	r := Grade(c, Answer{Picks: []int{0, 1}})
	want := []OptionResult{{"white paper", true, false}, {"proposal with budget", true, true}, {"webinar", false, false}, {"demo request", false, true}}
	for i, o := range r.Options {
		if o != want[i] {
			t.Errorf("option %d: %+v, want %+v", i, o, want[i])
		}
	}
}

func TestClassify(t *testing.T) {
	c := &playbook.Card{Kind: playbook.KindClassify, Options: []string{"list", "inquiry", "lead"}, Correct: []int{0}}
	tests := []struct {
		picks []int
		score float64
	}{
		{[]int{0}, 1},
		{[]int{1}, 0},
		{[]int{0, 1}, 0},
		{[]int{0, 0}, 0}, // one category, picked once
		{nil, 0},
		{[]int{5}, 0},
	}
	for _, tt := range tests {
		if r := Grade(c, Answer{Picks: tt.picks}); r.Score != tt.score {
			t.Errorf("picks %v: score %v, want %v", tt.picks, r.Score, tt.score)
		}
	}
}

func TestOrder(t *testing.T) {
	c := &playbook.Card{Kind: playbook.KindOrder, Items: []string{"A", "B", "C", "D", "E"}}
	tests := []struct {
		name   string
		picks  []int
		score  float64
		rating playbook.Rating
	}{
		{"right order", []int{0, 1, 2, 3, 4}, 1, playbook.Good},
		{"last two swapped", []int{0, 1, 2, 4, 3}, 0.6, playbook.Hard},
		{"middle two swapped", []int{0, 1, 3, 2, 4}, 0.4, playbook.Again},
		{"rotated", []int{2, 3, 4, 0, 1}, 0.6, playbook.Hard},
		{"one moved to the end", []int{1, 2, 3, 4, 0}, 0.8, playbook.Good},
		{"reversed", []int{4, 3, 2, 1, 0}, 0, playbook.Again},
		{"item missing", []int{0, 1, 2, 3}, 0, playbook.Again},
		{"item repeated", []int{0, 1, 2, 3, 3}, 0, playbook.Again},
		{"out of range", []int{0, 1, 2, 3, 5}, 0, playbook.Again},
		{"nothing", nil, 0, playbook.Again},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Grade(c, Answer{Picks: tt.picks})
			if !near(r.Score, tt.score) || r.Suggested != tt.rating {
				t.Errorf("picks %v: score %v rating %v, want %v %v", tt.picks, r.Score, r.Suggested, tt.score, tt.rating)
			}
		})
	}
	r := Grade(c, Answer{Picks: []int{0, 2, 1, 3, 4}})
	want := []ItemResult{{"A", true}, {"C", false}, {"B", false}, {"D", true}, {"E", true}}
	for i, it := range r.Items {
		if it != want[i] {
			t.Errorf("item %d: %+v, want %+v", i, it, want[i])
		}
	}
	one := &playbook.Card{Kind: playbook.KindOrder, Items: []string{"only"}}
	if r := Grade(one, Answer{Picks: []int{0}}); r.Score != 1 {
		t.Errorf("single item in place: score %v, want 1", r.Score)
	}
}
