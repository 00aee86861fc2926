// How many CPUs this process may run on.
#pragma once

namespace byline {

// The CPUs in this process's affinity mask (taskset, cgroups' cpusets),
// which can be fewer than the machine has; at least 1. One I/O thread per
// such CPU: more would only take turns on the same cores.
int available_cpus();

}  // namespace byline
