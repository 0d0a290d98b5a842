// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Base} from "../Base.t.sol";
import {BenchProfile} from "./BenchProfile.sol";
import {ReferencePlotSale} from "./ReferencePlotSale.sol";

/// @dev Transaction gas of the Plots calls, next to a plain paid ERC-721 mint (ReferencePlotSale) doing
/// the same sale on the same token. Figures land in snapshots/PlotsGasBench.json ("ref tx:" for the
/// reference); `npm run bench -- gas` runs this and turns them into a table against the goals.
contract PlotsGasBench is Base {
    ReferencePlotSale internal ref;

    function setUp() public override {
        BenchProfile.skipUnlessActive();
        super.setUp();
        ref = new ReferencePlotSale(token, treasury, PRICE);
        address[3] memory users = [alice, bob, carol];
        for (uint256 i; i < users.length; ++i) {
            vm.prank(users[i]);
            token.approve(address(ref), type(uint256).max);
        }
    }

    function test_gas_buyFirstPlot() public {
        _benchBuy(bob, "buy (first plot)");
    }

    function test_gas_buyReturningBuyer() public {
        _ownOneEach(alice);
        _benchBuy(alice, "buy (returning buyer)");
    }

    function test_gas_buyBatch1() public {
        _benchBatch(1);
    }

    function test_gas_buyBatch10() public {
        _benchBatch(10);
    }

    function test_gas_buyBatch50() public {
        _benchBatch(50);
    }

    /// @dev MAX_BATCH: a longer batch reverts (Plots.t.sol tests that).
    function test_gas_buyBatch100() public {
        _benchBatch(plots.MAX_BATCH());
    }

    function test_gas_listAndBuyListed() public {
        _ownOneEach(bob); // a buyer who already holds a plot
        vm.prank(alice);
        plots.buy(PARIS, PRICE);
        vm.prank(alice);
        plots.list(PARIS, 20e18, uint64(block.timestamp + 1 days));
        vm.snapshotGasLastCall("tx: list");
        assertEq(plots.listingOf(PARIS).seller, alice);

        vm.prank(bob);
        plots.buyListed(PARIS, 20e18);
        vm.snapshotGasLastCall("tx: buyListed");
        assertEq(plots.ownerOf(PARIS), bob);
    }

    /// @dev An offer's life on a plot that is not listed: made, raised, accepted; another made and
    /// cancelled, another left to expire and returned (another plot's offer stays open throughout).
    function test_gas_offers() public {
        _ownOneEach(bob); // a buyer who already holds a plot
        vm.prank(alice);
        plots.buy(PARIS, PRICE);
        uint64 expiry = uint64(block.timestamp + 7 days);
        // Another offer already escrowed: Plots' HXA balance exists, as it does once offers are in use.
        vm.prank(carol);
        plots.makeOffer(cellAt(1), 5e18, expiry + 1 days);
        vm.prank(bob);
        plots.makeOffer(PARIS, 20e18, expiry);
        vm.snapshotGasLastCall("tx: makeOffer");
        vm.prank(bob);
        plots.makeOffer(PARIS, 25e18, expiry);
        vm.snapshotGasLastCall("tx: makeOffer (raise)");
        vm.prank(alice);
        plots.acceptOffer(PARIS, bob, 0);
        vm.snapshotGasLastCall("tx: acceptOffer");
        assertEq(plots.ownerOf(PARIS), bob);

        vm.prank(carol);
        plots.makeOffer(PARIS, 30e18, expiry);
        vm.prank(carol);
        plots.cancelOffer(PARIS);
        vm.snapshotGasLastCall("tx: cancelOffer");
        vm.prank(carol);
        plots.makeOffer(PARIS, 30e18, expiry);
        vm.warp(expiry + 1);
        vm.prank(alice);
        plots.withdrawOffer(PARIS, carol);
        vm.snapshotGasLastCall("tx: withdrawOffer (expired, by anyone)");
        assertEq(token.balanceOf(address(plots)), 5e18);
    }

    // ------------------------------------------------------------------ helpers

    /// @dev Gives `who` one plot and one reference token, so its balance slots are already non-zero.
    function _ownOneEach(address who) internal {
        vm.prank(who);
        plots.buy(cellAt(1), PRICE);
        vm.prank(who);
        ref.buy(cellAt(1));
    }

    function _benchBuy(address buyer, string memory name) internal {
        vm.prank(buyer);
        plots.buy(PARIS, PRICE);
        vm.snapshotGasLastCall(string.concat("tx: ", name));
        vm.prank(buyer);
        ref.buy(PARIS);
        vm.snapshotGasLastCall(string.concat("ref tx: ", name));
        assertEq(plots.ownerOf(PARIS), buyer);
        assertEq(ref.ownerOf(PARIS), buyer);
    }

    /// @dev A returning buyer's batch of `n` new plots; the figures are per plot.
    function _benchBatch(uint256 n) internal {
        _ownOneEach(alice);
        uint256[] memory cells = _cells(n);
        string memory name = string.concat("buyBatch(", vm.toString(n), ") per plot");
        vm.prank(alice);
        plots.buyBatch(cells, PRICE * cells.length);
        vm.snapshotValue(string.concat("tx: ", name), BenchProfile.lastTxGas() / n);
        vm.prank(alice);
        ref.buyBatch(cells);
        vm.snapshotValue(string.concat("ref tx: ", name), BenchProfile.lastTxGas() / n);
        assertEq(plots.balanceOf(alice), n + 1);
        assertEq(ref.balanceOf(alice), n + 1);
    }
}
