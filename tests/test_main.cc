// The one translation unit that defines the Boost.Test runner (header-only variant); every
// *_test.cc in a stage folder includes <boost/test/unit_test.hpp> and adds its cases.
#define BOOST_TEST_MODULE budgetx
#include <boost/test/included/unit_test.hpp>
