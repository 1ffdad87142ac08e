package transfer

import (
	"strings"

	"github.com/ferry-s3/ferry/s3ops"
)

// listWorthIt is how many files bound for one folder make a listing of
// that folder cheaper than a HEAD each: a listing page answers for up to
// 1,000 keys, while a HEAD that finds nothing costs two requests (the
// object, then the bucket, to tell a missing bucket from a missing key).
const listWorthIt = 16

// settleByListing answers the destinations that share a folder with many
// others from one listing of that folder, so a drop of 10,000 files into
// one prefix costs a request per 1,000 keys already there instead of
// 20,000. It returns the destinations still to ask with HEAD: those of
// small groups, and of folders whose listing failed (the HEADs then say
// why, with the hint for credentials that may not list) or ran longer
// than the HEADs it would save.
func (p *Placer) settleByListing(dsts []s3ops.Location) []s3ops.Location {
	groups := map[s3ops.Location][]s3ops.Location{}
	var folders []s3ops.Location
	for _, d := range dsts {
		dir := s3ops.Location{Bucket: d.Bucket, Key: d.Key[:strings.LastIndex(d.Key, "/")+1]}
		if _, seen := groups[dir]; !seen {
			folders = append(folders, dir)
		}
		groups[dir] = append(groups[dir], d)
	}
	var rest []s3ops.Location
	for _, dir := range folders {
		g := groups[dir]
		if len(g) < listWorthIt || !p.settleFolder(dir, g) {
			rest = append(rest, g...)
		}
	}
	return rest
}

// settleFolder lists dir one level deep and records for each of g
// whether its object exists. It gives up (false, nothing recorded) when
// the listing fails or needs more pages than a page per listWorthIt
// destinations.
func (p *Placer) settleFolder(dir s3ops.Location, g []s3ops.Location) bool {
	budget := max(1, len(g)/listWorthIt)
	objects := map[string]bool{}
	pages, complete := 0, false
	err := p.c.List(p.ctx, dir, s3ops.ListOptions{}, func(pg s3ops.Page) bool {
		pages++
		for _, e := range pg.Entries {
			objects[e.Key] = true // a folder's key ends in "/": "x/" never takes "x"
		}
		complete = pg.Last
		return pages < budget
	})
	if err != nil || !complete {
		return false
	}
	for _, d := range g {
		p.known[d.Bucket+"\x00"+d.Key] = objects[d.Key]
	}
	return true
}
