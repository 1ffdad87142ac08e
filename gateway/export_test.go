package gateway

// Hooks for the external tests.
var (
	StartDemoIn        = startDemoIn
	StartPublishedDemo = startPublishedDemo
	FindDemoAt         = findDemoAt
	DemoClient         = demoClient
	DemoOddKeys        = oddKeys
	DemoEventCount     = demoEventCount
	DemoBigSize        = int64(demoBigSize)
)
