// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {AdMarket} from "../src/AdMarket.sol";
import {IAdMarket} from "../src/interfaces/IAdMarket.sol";
import {IPlots} from "../src/interfaces/IPlots.sol";
import {Plots} from "../src/Plots.sol";
import {Base} from "./Base.t.sol";
import {HookToken} from "./mocks/HookToken.sol";
import {Reenterer} from "./mocks/Reenterer.sol";

/// @dev Re-entrancy through the two callbacks an attacker controls: onERC721Received (safe
/// transfers of plots) and a token that calls its recipient (HookToken), against Plots and AdMarket.
contract ReentrancyTest is Base {
    Reenterer internal attacker;
    uint256 internal constant OTHER = 0x871fb4663ffffff;

    function setUp() public override {
        super.setUp();
        attacker = new Reenterer();
        vm.prank(treasury);
        token.transfer(address(attacker), 1000e18);
        attacker.exec(address(token), abi.encodeCall(IERC20.approve, (address(plots), type(uint256).max)));
    }

    // ------------------------------------------------------------------ Plots, onERC721Received

    function test_buyAndBuyListed_neverCallTheBuyer() public {
        attacker.arm(address(plots), abi.encodeCall(plots.buy, (OTHER, PRICE)));
        attacker.exec(address(plots), abi.encodeCall(plots.buy, (PARIS, PRICE)));
        vm.prank(bob);
        plots.buy(OTHER + 0x1000000, PRICE); // a third cell, listed by bob
        vm.prank(bob);
        plots.list(OTHER + 0x1000000, 1e18, uint64(block.timestamp + 1 days));
        attacker.exec(address(plots), abi.encodeCall(plots.buyListed, (OTHER + 0x1000000, 1e18)));
        // Mints and market sales use the unsafe transfer paths: no callback, so nothing to re-enter.
        assertEq(attacker.callbacks(), 0);
        assertEq(plots.ownerOf(PARIS), address(attacker));
        assertEq(plots.ownerOf(OTHER + 0x1000000), address(attacker));
    }

    function test_safeTransfer_receiverReenteringBuyListedFindsTheListingVoid() public {
        vm.startPrank(bob);
        plots.buy(PARIS, PRICE);
        plots.list(PARIS, 1e18, uint64(block.timestamp + 1 days));
        vm.stopPrank();
        uint256 bobBefore = token.balanceOf(bob);
        // Receiving the plot, the attacker tries to buy the seller's old listing of it too.
        attacker.arm(address(plots), abi.encodeCall(plots.buyListed, (PARIS, 1e18)));
        vm.prank(bob);
        plots.safeTransferFrom(bob, address(attacker), PARIS);
        assertEq(attacker.callbacks(), 1);
        assertFalse(attacker.reentrySucceeded());
        assertEq(attacker.reentryRevert(), abi.encodeWithSelector(IPlots.NotListed.selector, PARIS));
        assertEq(plots.ownerOf(PARIS), address(attacker));
        assertEq(token.balanceOf(bob), bobBefore);
    }

    function test_safeTransfer_receiverReenteringListOwnsItsListing() public {
        vm.prank(bob);
        plots.buy(PARIS, PRICE);
        attacker.arm(
            address(plots), abi.encodeCall(plots.list, (PARIS, 5e18, uint64(block.timestamp + 1 days)))
        );
        vm.prank(bob);
        plots.safeTransferFrom(bob, address(attacker), PARIS);
        // The transfer is complete when the hook runs: the receiver lists as the owner it now is.
        assertTrue(attacker.reentrySucceeded());
        assertEq(plots.listingOf(PARIS).seller, address(attacker));
        vm.prank(carol);
        plots.buyListed(PARIS, 5e18);
        assertEq(plots.ownerOf(PARIS), carol);
    }

    // ------------------------------------------------------------------ a token that calls its recipient

    function test_buyListed_sellerReenteringOnPaymentCannotSellTwice() public {
        (HookToken hook, Plots hPlots) = _hookPlots();
        attacker.exec(address(hPlots), abi.encodeCall(hPlots.buy, (PARIS, PRICE)));
        attacker.exec(
            address(hPlots), abi.encodeCall(hPlots.list, (PARIS, 1e18, uint64(block.timestamp + 1 days)))
        );
        // Paid in buyListed, the seller tries to sell the same plot again to the same buyer.
        attacker.arm(address(hPlots), abi.encodeCall(hPlots.buyListed, (PARIS, 1e18)));
        uint256 carolBefore = hook.balanceOf(carol);
        vm.prank(carol);
        hPlots.buyListed(PARIS, 1e18);
        assertTrue(attacker.reentered());
        assertEq(attacker.reentryRevert(), abi.encodeWithSelector(IPlots.NotListed.selector, PARIS));
        assertEq(hPlots.ownerOf(PARIS), carol);
        assertEq(carolBefore - hook.balanceOf(carol), 1e18);
    }

    function test_cancelOffer_buyerReenteringOnRefundIsRefundedOnce() public {
        (HookToken hook, Plots hPlots) = _hookPlots();
        vm.prank(carol);
        hPlots.buy(PARIS, PRICE);
        attacker.exec(
            address(hPlots), abi.encodeCall(hPlots.makeOffer, (PARIS, 5e18, uint64(block.timestamp + 1 days)))
        );
        attacker.arm(address(hPlots), abi.encodeCall(hPlots.cancelOffer, (PARIS)));
        uint256 before = hook.balanceOf(address(attacker));
        attacker.exec(address(hPlots), abi.encodeCall(hPlots.cancelOffer, (PARIS)));
        assertTrue(attacker.reentered());
        assertEq(
            attacker.reentryRevert(),
            abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector)
        );
        assertEq(hook.balanceOf(address(attacker)) - before, 5e18);
        assertEq(hook.balanceOf(address(hPlots)), 0);
    }

    function test_acceptOffer_sellerReenteringOnPaymentCannotTakeTheEscrowTwice() public {
        (HookToken hook, Plots hPlots) = _hookPlots();
        attacker.exec(address(hPlots), abi.encodeCall(hPlots.buy, (PARIS, PRICE)));
        vm.prank(carol);
        hPlots.makeOffer(PARIS, 8e18, uint64(block.timestamp + 1 days));
        // Paid for carol's offer, the seller tries to accept it once more.
        attacker.arm(address(hPlots), abi.encodeCall(hPlots.acceptOffer, (PARIS, carol, 0)));
        uint256 before = hook.balanceOf(address(attacker));
        attacker.exec(address(hPlots), abi.encodeCall(hPlots.acceptOffer, (PARIS, carol, 0)));
        assertTrue(attacker.reentered());
        assertFalse(attacker.reentrySucceeded());
        assertEq(hPlots.ownerOf(PARIS), carol);
        assertEq(hook.balanceOf(address(attacker)) - before, 7.8e18);
        assertEq(hook.balanceOf(address(hPlots)), 0);
    }

    function test_claim_reenteringOnPaymentPaysOnce() public {
        (HookToken hook, AdMarket hMarket) = _hookMarket();
        bytes32 other = _leaf(bob, 1e18);
        _postSingle(hook, hMarket, _hashPair(_leaf(address(attacker), 2e18), other), 3e18);
        bytes32[] memory proof = new bytes32[](1);
        proof[0] = other;
        attacker.arm(address(hMarket), abi.encodeCall(hMarket.claim, (address(attacker), 2e18, proof)));
        uint256 before = hook.balanceOf(address(attacker));
        hMarket.claim(address(attacker), 2e18, proof);
        assertTrue(attacker.reentered());
        assertEq(
            attacker.reentryRevert(),
            abi.encodeWithSelector(IAdMarket.NothingToClaim.selector, address(attacker), 2e18, 2e18)
        );
        assertEq(hook.balanceOf(address(attacker)) - before, 2e18);
    }

    function test_withdrawUnspent_reenteringOnRefundPaysOnce() public {
        (HookToken hook, AdMarket hMarket) = _hookMarket();
        uint64[] memory targets = new uint64[](1);
        targets[0] = uint64(PARIS);
        uint40 end = uint40(block.timestamp + 1 days);
        bytes memory create = abi.encodeCall(hMarket.createCampaign, (10e18, 1e18, 0, end, "", targets));
        uint256 id = abi.decode(attacker.exec(address(hMarket), create), (uint256));
        _postSingle(hook, hMarket, keccak256("filler"), 1e18); // another campaign's spend keeps escrow busy
        vm.warp(end);
        vm.prank(settler);
        hMarket.postEpoch(2, keccak256("r2"), 1e18, end, bytes32(0), new uint256[](0), new uint256[](0));
        attacker.arm(address(hMarket), abi.encodeCall(hMarket.withdrawUnspent, (id)));
        uint256 before = hook.balanceOf(address(attacker));
        attacker.exec(address(hMarket), abi.encodeCall(hMarket.withdrawUnspent, (id)));
        assertEq(attacker.reentryRevert(), abi.encodeWithSelector(IAdMarket.AlreadyWithdrawn.selector, id));
        assertEq(hook.balanceOf(address(attacker)) - before, 10e18);
    }

    // ------------------------------------------------------------------ helpers

    function _hookPlots() internal returns (HookToken hook, Plots hPlots) {
        hook = new HookToken(treasury);
        hPlots = new Plots(IERC20(address(hook)), admin, treasury, PRICE);
        _fund(hook, address(hPlots));
    }

    function _hookMarket() internal returns (HookToken hook, AdMarket hMarket) {
        hook = new HookToken(treasury);
        hMarket = new AdMarket(IERC20(address(hook)), admin, treasury, settler, guardian, MIN_CPC, 0);
        _fund(hook, address(hMarket));
    }

    function _fund(HookToken hook, address spender) internal {
        vm.startPrank(treasury);
        hook.transfer(address(attacker), 1000e18);
        hook.transfer(carol, 1000e18);
        vm.stopPrank();
        attacker.exec(address(hook), abi.encodeCall(IERC20.approve, (spender, type(uint256).max)));
        vm.prank(carol);
        hook.approve(spender, type(uint256).max);
    }

    /// @dev Carol funds a campaign that spends `total` in the next epoch, posted with `root`.
    function _postSingle(HookToken, AdMarket hMarket, bytes32 root, uint256 total) internal {
        uint64[] memory targets = new uint64[](1);
        targets[0] = uint64(PARIS);
        vm.prank(carol);
        uint256 id = hMarket.createCampaign(total, total, 0, uint40(block.timestamp + 1 days), "", targets);
        uint256[] memory ids = new uint256[](1);
        ids[0] = id;
        uint256[] memory spend = new uint256[](1);
        spend[0] = total;
        uint256 epochId = hMarket.lastEpochId() + 1;
        uint256 settled = hMarket.settledTotal() + total;
        vm.prank(settler);
        hMarket.postEpoch(epochId, root, settled, uint40(block.timestamp), bytes32(0), ids, spend);
    }

    function _leaf(address account, uint256 amount) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(account, amount))));
    }

    function _hashPair(bytes32 a, bytes32 b) internal pure returns (bytes32) {
        return a < b ? keccak256(abi.encode(a, b)) : keccak256(abi.encode(b, a));
    }
}
