package grade

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/playdrill/playdrill/internal/playbook"
)

var propertyPoints = []string{
	"rules of engagement", "sales-ready", "list | not leads", "ideal customer profile",
	"budget approved", "named support engineer | dedicated engineer", "timeline",
}

// testWords mixes the points' words, near misses, denials and filler.
var testWords = strings.Fields("rules of engagement sales ready not list leads isn't never ideal customer profile icp " +
	"budget approved named support engineer dedicated timeline the a we they so um like specialist leadership " +
	"read budgte engagment cheaper . , ; no - don't")

func randomAnswer(r *rand.Rand) string {
	n := r.IntN(40)
	words := make([]string, n)
	for i := range words {
		words[i] = testWords[r.IntN(len(testWords))]
	}
	return strings.Join(words, " ")
}

// TestScoreInRange grades many random answers: the score stays in 0..1,
// the rating is valid, every point is reported and a hit has its words.
func TestScoreInRange(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	c := typed(playbook.KindResult, propertyPoints, "cheaper", "hot leads")
	for range 2000 {
		a := randomAnswer(r)
		g := Grade(c, Answer{Text: a})
		if g.Score < 0 || g.Score > 1 || !g.Suggested.Valid() || len(g.Points) != len(propertyPoints) {
			t.Fatalf("answer %q: score %v rating %v points %d", a, g.Score, g.Suggested, len(g.Points))
		}
		for _, p := range g.Points {
			if p.Hit != (len(p.Words) > 0) {
				t.Fatalf("answer %q: point %q hit %v with words %q", a, p.Point, p.Hit, p.Words)
			}
		}
	}
}

// TestAddingAHitNeverLowersTheScore appends a missed point, as a sentence
// of its own, to random answers: the point is then hit, no point hit
// before is lost, and the score does not drop.
func TestAddingAHitNeverLowersTheScore(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	c := typed(playbook.KindResult, propertyPoints, "cheaper")
	for range 2000 {
		a := randomAnswer(r)
		before := Grade(c, Answer{Text: a})
		for i, p := range before.Points {
			if p.Hit {
				continue
			}
			more := a + ". " + c.MustMention[i].Alternates[0] + "."
			after := Grade(c, Answer{Text: more})
			if !after.Points[i].Hit || after.Score < before.Score {
				t.Fatalf("adding %q to %q: hit %v, score %v -> %v", p.Point, a, after.Points[i].Hit, before.Score, after.Score)
			}
			for j := range before.Points {
				if before.Points[j].Hit && !after.Points[j].Hit {
					t.Fatalf("adding %q to %q lost point %q", p.Point, a, before.Points[j].Point)
				}
			}
		}
	}
}

// TestRatingFollowsScore checks the rating never rises as the score falls.
func TestRatingFollowsScore(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	c := typed(playbook.KindResult, propertyPoints)
	type graded struct {
		score  float64
		rating playbook.Rating
	}
	var all []graded
	for range 500 {
		g := Grade(c, Answer{Text: randomAnswer(r)})
		all = append(all, graded{g.Score, g.Suggested})
	}
	for _, a := range all {
		for _, b := range all {
			if a.score < b.score && a.rating > b.rating {
				t.Fatalf("score %v rated %v above score %v rated %v", a.score, a.rating, b.score, b.rating)
			}
		}
	}
}

// FuzzGrade checks grading never panics and always returns a sane result,
// whatever the answer and the card's points.
func FuzzGrade(f *testing.F) {
	f.Add("it's not sales-ready; ROE met", "rules of engagement;sales-ready|ready", "cheaper", []byte{1, 0})
	f.Add("", "", "", []byte{})
	f.Add("ｆｕｌｌ\u0301 don’t -- ;;", "not leads|a;;|", "a b c", []byte{255, 3, 3})
	f.Fuzz(func(t *testing.T, answer, points, never string, picks []byte) {
		var mm []playbook.KeyPoint
		for _, p := range strings.Split(points, ";") {
			mm = append(mm, playbook.KeyPoint{Alternates: strings.Split(p, "|")})
		}
		ps := make([]int, len(picks))
		for i, b := range picks {
			ps[i] = int(b) - 2
		}
		// an "any N of" point over the same items, and a glossary
		// making the never-say text mean the points
		mm = append(mm, playbook.KeyPoint{Alternates: []string{points}, Need: 1 + len(answer)%len(mm), Items: mm[:len(mm):len(mm)]})
		glossary := []playbook.GlossaryEntry{{Term: never, Means: strings.Split(points, ";")}}
		for _, k := range playbook.Kinds {
			c := &playbook.Card{Kind: k, MustMention: mm, NeverSay: strings.Split(never, ";"), Answer: points,
				Options: []string{"a", "b", "c"}, Correct: []int{1}, Items: []string{"x", "y", "z"}, Glossary: glossary}
			r := Grade(c, Answer{Text: answer, Picks: ps})
			if r.Score < 0 || r.Score > 1 || !r.Suggested.Valid() {
				t.Fatalf("kind %s: score %v rating %v", k, r.Score, r.Suggested)
			}
			if k.Typed() && len(r.Points) != len(mm) {
				t.Fatalf("kind %s: %d points reported for %d", k, len(r.Points), len(mm))
			}
		}
	})
}
