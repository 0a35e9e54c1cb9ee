// chronicle: timelines of events from news text. Include this for the whole library.
#pragma once

#include "chronicle/calendar.hpp"
#include "chronicle/event.hpp"
#include "chronicle/link.hpp"
#include "chronicle/result.hpp"
#include "chronicle/span.hpp"
#include "chronicle/time_value.hpp"
#include "chronicle/timex.hpp"
#include "chronicle/version.hpp"
