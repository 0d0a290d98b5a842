// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {H3} from "../../src/libraries/H3.sol";

contract H3Test is Test {
    /// @dev Differential test: h3-js verdicts in fixtures/h3-cells.json (made by generate-h3.mjs).
    /// Verdict 0-7: valid cell of that resolution; 8: valid cell finer than 7; -1: not a cell.
    function test_isValidCell_agreesWithH3js() public view {
        string memory json = vm.readFile("contracts/test/fixtures/h3-cells.json");
        uint256[] memory ids = vm.parseJsonUintArray(json, ".ids");
        int256[] memory verdicts = vm.parseJsonIntArray(json, ".verdicts");
        assertEq(ids.length, verdicts.length);
        assertGe(ids.length, 10_000);
        for (uint256 i; i < ids.length; ++i) {
            int256 v = verdicts[i];
            bool validUpTo7 = v >= 0 && v <= 7;
            assertEq(H3.isValidCell(ids[i], 7), validUpTo7, vm.toString(ids[i]));
            assertEq(H3.isPlot(ids[i]), v == 7, vm.toString(ids[i]));
            if (v >= 0 && v <= 7) {
                assertEq(H3.resolution(ids[i]), uint256(v));
                assertTrue(H3.isValidCell(ids[i], 15));
            }
        }
    }

    function test_isValidCell_rejectsMaxResBelowCellRes() public pure {
        uint256 paris = 0x871fb4662ffffff;
        assertTrue(H3.isValidCell(paris, 7));
        assertFalse(H3.isValidCell(paris, 6));
    }

    function test_isPlot_rejectsPentagonKAxisChild() public pure {
        // Base cell 4 is a pentagon: res-7 id with first non-zero digit 1 is a deleted subsequence.
        uint256 header = (uint256(1) << 59) | (uint256(7) << 52) | (uint256(4) << 45);
        uint256 unused = (uint256(1) << 24) - 1; // digits 8..15 = 7
        assertTrue(H3.isPlot(header | unused)); // all-zero digits: the pentagon itself
        assertFalse(H3.isPlot(header | unused | (uint256(1) << 42))); // digit 1 = 1
        assertTrue(H3.isPlot(header | unused | (uint256(2) << 42))); // digit 1 = 2
        assertFalse(H3.isPlot(header | unused | (uint256(1) << 24))); // digits 1-6 = 0, digit 7 = 1
    }

    function testFuzz_isValidCell_rejectsAnythingAbove64Bits(uint256 h) public pure {
        vm.assume(h >> 64 != 0);
        assertFalse(H3.isValidCell(h, 15));
    }

    function testFuzz_isPlot_rejectsUsedDigitSeven(uint8 pos) public pure {
        uint256 base = 0x871fb4662ffffff;
        uint256 digit = bound(pos, 1, 7);
        uint256 id = base | (uint256(7) << ((15 - digit) * 3));
        assertFalse(H3.isPlot(id));
    }

    function testFuzz_isPlot_rejectsClearedUnusedDigit(uint8 pos) public pure {
        uint256 digit = bound(pos, 8, 15);
        uint256 id = uint256(0x871fb4662ffffff) & ~(uint256(7) << ((15 - digit) * 3));
        assertFalse(H3.isPlot(id));
    }

    function test_isValidCell_gas() public {
        uint256 g = gasleft();
        bool ok = H3.isPlot(0x871fb4662ffffff);
        uint256 used = g - gasleft();
        assertTrue(ok);
        assertLt(used, 3000);
        vm.snapshotValue("H3.isPlot", used);
    }
}
